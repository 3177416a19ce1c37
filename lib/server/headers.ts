/** Set by lib/server from the TCP socket; any client-sent copy is removed first. */
export const PEER_IP_HEADER = "x-gateway-peer-ip";
/** The client address resolved from the peer and trusted proxies' X-Forwarded-For. */
export const CLIENT_IP_HEADER = "x-gateway-client-ip";

/** The client IP that lib/server established for this request, or null when it did not run. */
export function clientIpFrom(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER);
}
