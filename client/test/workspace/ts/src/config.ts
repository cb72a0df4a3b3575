// Service configuration.
export const port = Number(process.env.PORT ?? 3000);

export const apiKey = "Zt7pQ2vX9mK4rW8sLq3N";
