/**
 * A scripted chat model on loopback that speaks OpenAI's chat-completions API (what n8n's OpenAI
 * Chat Model node calls through LangChain): no real model, no internet. Each answer is the next
 * step of a script, chosen by how many tool results the conversation holds: call a tool (by a
 * fragment of its name, among the tools the request offers), or end with a text answer. Streamed
 * (SSE) and plain answers both; every request is kept for the checks.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export type ModelStep =
	| { tool: string; args: Record<string, unknown> }
	/** The final answer; `lastToolResult` is replaced by the content of the last tool message. */
	| { answer: string };

export interface ChatMessage {
	role: string;
	content?: unknown;
	name?: string;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

export interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
}

export interface ScriptedModel {
	/** Base URL for the OpenAI credential: http://127.0.0.1:<port>/v1 */
	url: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

function text(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : String((part as { text?: unknown }).text ?? ''))).join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

function replyMessage(step: ModelStep, request: ChatRequest, callIndex: number): { message: Record<string, unknown>; finish: string } {
	if ('answer' in step) {
		const lastTool = [...request.messages].reverse().find((m) => m.role === 'tool');
		return { message: { role: 'assistant', content: step.answer.replace('lastToolResult', text(lastTool?.content)) }, finish: 'stop' };
	}
	const offered = (request.tools ?? []).map((t) => t.function.name);
	const name = offered.find((n) => n.toLowerCase().includes(step.tool.toLowerCase()));
	if (!name) return { message: { role: 'assistant', content: `No tool named like "${step.tool}" was offered (offered: ${offered.join(', ')})` }, finish: 'stop' };
	const call = { id: `call_${callIndex}`, type: 'function', function: { name, arguments: JSON.stringify(step.args) } };
	return { message: { role: 'assistant', content: null, tool_calls: [call] }, finish: 'tool_calls' };
}

function send(res: http.ServerResponse, request: ChatRequest, message: Record<string, unknown>, finish: string): void {
	const base = { id: `chatcmpl-${Date.now()}`, created: Math.floor(Date.now() / 1000), model: request.model ?? 'scripted' };
	const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	if (!request.stream) {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish, logprobs: null }], usage }));
		return;
	}
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
		res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`);
	const toolCalls = (message.tool_calls as Array<Record<string, unknown>> | undefined)?.map((call, index) => ({ index, ...call }));
	chunk({ role: 'assistant', ...(toolCalls ? { tool_calls: toolCalls } : { content: message.content }) }, null);
	chunk({}, finish);
	res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
	res.end('data: [DONE]\n\n');
}

/** Starts the model; `script` is followed anew for each conversation (step = tool results so far). */
export async function startScriptedModel(script: ModelStep[]): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	let calls = 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `not served: ${req.method} ${req.url}` } }));
				return;
			}
			const request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ChatRequest;
			requests.push(request);
			const done = request.messages.filter((m) => m.role === 'tool').length;
			const step = script[Math.min(done, script.length - 1)];
			const { message, finish } = replyMessage(step, request, ++calls);
			send(res, request, message, finish);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
