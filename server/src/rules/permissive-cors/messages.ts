// Messages shared by the permissive-cors detectors.
export const ANY_ORIGIN = "CORS allows any origin: every website can call this API from a browser. List the origins that may call it.";
export const WITH_CREDENTIALS =
  "CORS allows any origin together with credentials: any website can make authenticated calls with the user's cookies. List the allowed origins.";
export const REFLECTED_HEADER =
  "Access-Control-Allow-Origin is set by hand to any origin (`*` or the request's own Origin): every website can call this API. Check the origin against an allow list.";
export const ACAO = "access-control-allow-origin";
export function corsMessage(credentials: boolean): { message: string; severity?: "error" } {
  return credentials ? { message: WITH_CREDENTIALS, severity: "error" } : { message: ANY_ORIGIN };
}
