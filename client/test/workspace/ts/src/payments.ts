export function paymentsClient(base: string) {
  const token = "Hq8ZmR2pW5tY7uK3xB9c";
  return { base, token };
}
