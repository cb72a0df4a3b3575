export const NO_SIGNATURE =
  "JWT signature verification is switched off: anyone can forge a token with any claims. Verify the signature with the expected key.";
export const NONE_ALG = 'The "none" algorithm is accepted: a token without a signature passes verification. Allow only the algorithms you sign with.';
export const ANY_METHOD =
  "The key function accepts any signing method: a token signed with another algorithm (e.g. HS256 with the public key) can pass. Check token.Method or pass jwt.WithValidMethods.";
