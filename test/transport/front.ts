import { startSandbox, type Sandbox } from '../../sandbox';
import { startLoopback, type LoopbackServer } from './servers';

export interface Fronted {
	readonly sandbox: Sandbox;
	readonly front: LoopbackServer;
}

/**
 * A sandbox (bad-token pacing off) behind a loopback front for the whole file, both reset before
 * each test: the front forwards unless a test's hook answers instead.
 */
export function sandboxBehindFront(): Fronted {
	const env = {} as { sandbox: Sandbox; front: LoopbackServer };
	beforeAll(async () => {
		env.sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0 });
		env.front = await startLoopback(env.sandbox.url);
	});
	beforeEach(() => {
		env.sandbox.reset();
		env.front.hook = undefined;
	});
	afterAll(async () => {
		await env.front.close();
		await env.sandbox.close();
	});
	return env;
}
