export const MESSAGE =
  "TLS certificate verification is switched off: anyone on the network path can impersonate the server and read or change the traffic. Trust the right CA instead (a CA bundle / custom root).";
export const HOSTNAME =
  "TLS hostname verification is switched off: any valid certificate for any host is accepted, so the connection can be intercepted. Keep the default hostname verifier.";
