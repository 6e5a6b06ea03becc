import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

test('outside jest (the demo script), the harness sets up its environment and lets the process exit', () => {
	const env = { ...process.env };
	delete env.N8N_USER_FOLDER;
	delete env.N8N_ENCRYPTION_KEY;
	delete env.N8N_DEFAULT_BINARY_DATA_MODE;
	const child = spawnSync(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', 'outside-jest.ts')],
		{ cwd: root, env, encoding: 'utf8', timeout: 110_000 },
	);
	expect(child.stderr).toBe('');
	expect(child.status).toBe(0);
	const output = JSON.parse(child.stdout) as Record<string, unknown>;
	expect(output).toMatchObject({
		binaryMode: 'default',
		json: { hello: 'world' },
		file: 'content',
	});
	expect(output.logs).toBeGreaterThan(0);
	expect(String(output.userFolder)).toMatch(/n8n-harness-/);
	expect(existsSync(String(output.userFolder))).toBe(false);
}, 120_000);
