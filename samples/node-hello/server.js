// A tiny HTTP app for `wisp deploy --source`: answers "hello from node" on $PORT (no dependencies).
const http = require("http");

const port = Number(process.env.PORT || 8080);
const server = http.createServer((request, response) => {
  const body = "hello from node\n";
  response.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  response.end(body);
});
server.listen(port, "127.0.0.1", () => console.log(`node-hello listening port=${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
