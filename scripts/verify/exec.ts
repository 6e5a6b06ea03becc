import { spawn } from 'child_process';

import { plainNpmEnv } from '../real-n8n/install';

export interface Ran {
	code: number;
	output: string;
}

/** Runs a command, echoing its output when `echo` is set; answers the exit code and the output. */
export function runCommand(
	cmd: string,
	args: string[],
	opts: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean },
): Promise<Ran> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? plainNpmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const take = (chunk: Buffer) => {
			output += chunk.toString();
			if (opts.echo) process.stderr.write(chunk);
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

export async function mustRun(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean }): Promise<string> {
	const r = await runCommand(cmd, args, opts);
	if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.code}):\n${r.output.split('\n').slice(-30).join('\n')}`);
	return r.output;
}
