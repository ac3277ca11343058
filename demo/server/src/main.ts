import { createServer } from 'node:http';
const server = createServer((req, res) => { res.writeHead(req.url === '/health' ? 200 : 404); res.end('ok'); });
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
