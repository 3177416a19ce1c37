// Preloaded into the peer gateway (node --import): it listens on every interface by default and
// has no option for the host, so pin it to loopback; and end it when the bench that started it
// goes away (its stdin is a pipe from the bench, closed when the bench exits, however it exits).
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && typeof args[1] !== "string") {
    if (args[1] === undefined) args[1] = "127.0.0.1";
    else args.splice(1, 0, "127.0.0.1");
  } else if (args[0] && typeof args[0] === "object" && args[0].host === undefined && args[0].path === undefined) {
    args[0] = { ...args[0], host: "127.0.0.1" };
  }
  return listen.apply(this, args);
};

process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
