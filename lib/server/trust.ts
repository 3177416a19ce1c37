import type { IncomingMessage } from "node:http";
import { TLSSocket } from "node:tls";
import { resolveClientIp } from "@/lib/net/client-ip";
import { cidrListContains, type CidrList } from "@/lib/net/cidr";
import { CLIENT_IP_HEADER, PEER_IP_HEADER } from "@/lib/server/headers";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip", "forwarded"];

/**
 * Records the TCP peer and the resolved client IP in headers only this function sets.
 * Forwarding headers are kept only when the peer is a trusted proxy; from anyone else
 * they are removed, so nothing downstream can be fooled by a client-sent copy.
 */
export function trustRequestHeaders(req: IncomingMessage, trusted: CidrList): void {
  const peer = req.socket.remoteAddress ?? "";
  const headers = req.headers;
  const forwardedFor = typeof headers["x-forwarded-for"] === "string" ? headers["x-forwarded-for"] : null;
  headers[PEER_IP_HEADER] = peer;
  headers[CLIENT_IP_HEADER] = resolveClientIp(peer, forwardedFor, trusted);
  if (!peer || !cidrListContains(trusted, peer)) {
    for (const name of FORWARDING_HEADERS) delete headers[name];
  }
  headers["x-forwarded-proto"] ??= req.socket instanceof TLSSocket ? "https" : "http";
}
