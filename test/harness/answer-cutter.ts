/**
 * A loopback proxy in front of the sandbox that loses answers: a request its rule picks is passed
 * on, the API handles it (the write lands), and then the connection to the client is destroyed
 * before any byte of the answer. The client sees a dropped connection after sending, as when a
 * network cuts between the API's commit and its answer. Everything else passes through unchanged.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CutRequest {
	method: string;
	/** The path without the query. */
	path: string;
}

export interface AnswerCutter {
	/** The proxy's base URL: use it where the sandbox's URL would go. */
	url: string;
	/** How many answers were cut. */
	readonly cut: number;
	close(): Promise<void>;
}

export async function startAnswerCutter(upstream: string, cuts: (request: CutRequest) => boolean): Promise<AnswerCutter> {
	const target = new URL(upstream);
	let cut = 0;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const path = (req.url ?? '/').split('?')[0];
			const forward = httpRequest(
				{ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
				(answer: IncomingMessage) => {
					if (cuts({ method: req.method ?? 'GET', path })) {
						answer.resume();
						answer.on('end', () => {
							cut++;
							req.socket.destroy();
						});
						return;
					}
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => req.socket.destroy());
			forward.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get cut() {
			return cut;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
