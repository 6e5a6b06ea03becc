/**
 * Loopback servers for the transport's hardening tests: a front that forwards to the sandbox unless
 * a hook answers (redirects, cut or corrupt answers, echoed secrets, 429s), and a recorder that
 * stands for "another host" and notes every request it gets.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
	method: string;
	path: string;
	/** Path and query, as received. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** Answers itself (returns true) or lets the front forward to the target (false). `forward(url)` forwards to another path. */
export type Hook = (seen: Seen, res: ServerResponse, forward: (url?: string) => Promise<Answer>) => boolean | Promise<boolean>;

export interface LoopbackServer {
	url: string;
	host: string;
	seen: Seen[];
	hook: Hook | undefined;
	close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function forwardTo(target: string, req: IncomingMessage, body: Buffer, path = req.url ?? '/'): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const url = new URL(path, target);
		const headers = { ...req.headers, host: url.host };
		const out = httpRequest(url, { method: req.method, headers }, (answer) => {
			void readBody(answer).then((data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }), reject);
		});
		out.on('error', reject);
		out.end(body);
	});
}

export function sendAnswer(res: ServerResponse, answer: Answer): void {
	const headers = { ...answer.headers };
	delete headers['transfer-encoding'];
	delete headers.connection;
	res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
	res.end(answer.body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const data = Buffer.from(JSON.stringify(body));
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(data.length), ...headers });
	res.end(data);
}

/** Headers and half the body, then the connection is closed (`reset`: with a TCP reset). */
export function cutAnswer(res: ServerResponse, answer: Answer, how: 'close' | 'reset' = 'close'): void {
	const headers = { ...answer.headers };
	delete headers['transfer-encoding'];
	res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
	res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => {
		setTimeout(() => (how === 'reset' ? res.socket?.resetAndDestroy() : res.socket?.destroy()), 20);
	});
}

/** A loopback server: forwards to `target` when given (and no hook answered), else answers 200 `{}`. */
export async function startLoopback(target?: string, hook?: Hook): Promise<LoopbackServer> {
	const state: { seen: Seen[]; hook: Hook | undefined } = { seen: [], hook };
	const server: Server = createServer((req, res) => {
		void (async () => {
			const body = await readBody(req);
			const seen: Seen = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname, url: req.url ?? '/', headers: req.headers, body: body.toString('utf8') };
			state.seen.push(seen);
			const forward = async (url?: string) => {
				if (!target) return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"meta":{},"resources":[],"errors":[]}') };
				return await forwardTo(target, req, body, url);
			};
			try {
				if (state.hook && (await state.hook(seen, res, forward))) return;
				sendAnswer(res, await forward());
			} catch {
				res.socket?.destroy();
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		get seen() {
			return state.seen;
		},
		get hook() {
			return state.hook;
		},
		set hook(next: Hook | undefined) {
			state.hook = next;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
