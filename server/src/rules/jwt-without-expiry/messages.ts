export const MESSAGE =
  "This JWT is issued without an expiry (`exp`): a leaked token stays valid forever. Give every token a lifetime (expiresIn / exp / ExpiresAt).";
