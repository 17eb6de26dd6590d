import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

import { parseCli } from './cli-args';
import { runCli } from './cli';
import { startSandbox } from './server';
import { authenticate, compileSandboxToTemp, decommission } from './test-helpers';

let compiled: string;
beforeAll(() => {
	compiled = compileSandboxToTemp();
});
afterAll(() => rmSync(compiled, { recursive: true, force: true }));

function waitForExit(child: ChildProcess, ms: number): Promise<number | null> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`child still running after ${ms} ms`));
		}, ms);
		child.once('exit', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

function canConnect(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host, port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

describe('sandbox lifecycle', () => {
	it('listens on 127.0.0.1 only, on a free port by default', async () => {
		const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
		try {
			expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
			expect(a.port).toBeGreaterThan(0);
			expect(a.port).not.toBe(b.port);
			expect(await canConnect('127.0.0.1', a.port)).toBe(true);
			const external = Object.values(networkInterfaces())
				.flat()
				.find((i) => i && i.family === 'IPv4' && !i.internal);
			// Some CI containers have only loopback; there the binding is still checked via ::1.
			expect(await canConnect(external?.address ?? '::1', a.port)).toBe(false);
		} finally {
			await Promise.all([a.stop(), b.stop()]);
		}
	});

	it('stop() closes kept-alive connections and refuses new ones', async () => {
		const sandbox = await startSandbox();
		const socket = connect({ host: '127.0.0.1', port: sandbox.port });
		const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
		const answered = new Promise<string>((resolve) => socket.once('data', (d) => resolve(`${d}`)));
		socket.write('GET /nope HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
		expect(await answered).toMatch(/^HTTP\/1.1 404/);
		await sandbox.stop();
		await closed;
		await sandbox.stop();
		expect(await canConnect('127.0.0.1', sandbox.port)).toBe(false);
	});
	it('lets a node process exit after stop(), even with keep-alive and pending latency', async () => {
		const script = `
			const { startSandbox } = require(${JSON.stringify(join(compiled, 'server.js'))});
			(async () => {
				const s = await startSandbox({ latencyMs: 60000 });
				const r = await fetch(s.url + '/v1/api_auth', { method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ api_key: 'sandbox-key', api_secret: 'sandbox-secret-123' }) });
				await r.text();
				fetch(s.url + '/v1/manufacturer/v2/api/serials/decommission', { method: 'POST' })
					.catch(() => undefined);
				await new Promise((ok) => setTimeout(ok, 100));
				await s.stop();
				console.log('stopped', r.status);
			})();
		`;
		const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout?.on('data', (chunk) => (out += chunk));
		expect(await waitForExit(child, 10000)).toBe(0);
		expect(out.trim()).toBe('stopped 200');
	});

	it('CLI prints the banner without tokens and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, [join(compiled, 'cli.js'), '--port', '0'], {
			env: { ...process.env, MOVILITAS_SANDBOX_LATENCY_MS: '5' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout?.on('data', (chunk) => {
				out += chunk;
				const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
				if (match && out.includes('Stop with Ctrl+C.')) resolve(match[1]);
			});
			child.once('exit', () => reject(new Error(`CLI exited early: ${out}`)));
		});
		const auth = await fetch(`${url}/v1/api_auth`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ api_key: 'sandbox-key', api_secret: 'sandbox-secret-123' }),
		});
		const { token } = (await auth.json()) as { token: string };
		child.kill('SIGTERM');
		expect(await waitForExit(child, 10000)).toBe(0);
		expect(out).toContain('Environment:   Custom');
		expect(out).toContain(`Base URL:      ${url}`);
		expect(out).toContain('Channel Key:   sandbox-channel');
		expect(out).toContain('POST /v1/api_auth 200');
		expect(out).toContain('Movilitas sandbox stopped');
		expect(out).not.toContain(token);
		expect(out).not.toContain('sandbox-static-token');
	});

	it('CLI exits with code 2 on a bad flag', async () => {
		const child = spawn(process.execPath, [join(compiled, 'cli.js'), '--token-field', 'jwt'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let err = '';
		child.stderr?.on('data', (chunk) => (err += chunk));
		expect(await waitForExit(child, 10000)).toBe(2);
		expect(err).toContain('tokenField must be one of token, access_token');
	});
});

describe('sandbox CLI settings', () => {
	it('layers defaults < config file < environment < flags', () => {
		const file = join(compiled, 'cfg.json');
		writeFileSync(
			file,
			JSON.stringify({ latencyMs: 1, tokenField: 'accessToken', seed: 9, errorShape: 'type' }),
		);
		const parsed = parseCli(
			['--config', file, '--latency-ms=30', '--no-any-serial', '--rate-limit', '5/1000/2'],
			{ MOVILITAS_SANDBOX_LATENCY_MS: '20', MOVILITAS_SANDBOX_TOKEN_FIELD: 'data.token' },
		);
		expect(parsed.options).toEqual({
			latencyMs: 30,
			tokenField: 'data.token',
			seed: 9,
			errorShape: 'type',
			anySerialCommissioned: false,
			rateLimit: { limit: 5, windowMs: 1000, retryAfterSeconds: 2 },
		});
	});

	it('accepts the shipped sandbox.example.json', async () => {
		const example = join(__dirname, 'sandbox.example.json');
		const { options } = parseCli(['--config', example, '--port', '0'], {});
		const sandbox = await startSandbox(options);
		try {
			expect(options.latencyMs).toBe(0);
			expect(sandbox.settings.products.map((p) => p.productCode)).toEqual([
				'09506000134352',
				'05012345678900',
			]);
			expect((await authenticate(sandbox)).status).toBe(200);
			expect((await decommission(sandbox)).status).toBe(200);
		} finally {
			await sandbox.stop();
		}
	});

	it('parses key, products and fault flags', () => {
		const parsed = parseCli(
			[
				'--api-key',
				'k',
				'--api-secret',
				'secret-123',
				'--products',
				'09506000134352:EU,05012345678900',
				'--fail-503-share',
				'0.25',
				'--drop-next',
				'2',
				'--drop-after-processing',
				'--quiet',
			],
			{},
		);
		expect(parsed.quiet).toBe(true);
		expect(parsed.options).toEqual({
			apiKeys: [{ apiKey: 'k', apiSecret: 'secret-123' }],
			products: [
				{ productCode: '09506000134352', marketId: 'EU' },
				{ productCode: '05012345678900' },
			],
			fail503: { share: 0.25 },
			dropConnections: { next: 2, afterProcessing: true },
		});
		expect(() => parseCli(['--latency-ms', 'soon'], {})).toThrow('--latency-ms: expected a whole');
		expect(() => parseCli(['--nope'], {})).toThrow('Unknown option --nope');
	});

	it('runCli starts a working sandbox from flags and reports bad settings', async () => {
		const lines: string[] = [];
		const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
		const result = await runCli(['--token-field', 'access_token', '--quiet'], {}, io);
		if (!result.sandbox) throw new Error(lines.join('\n'));
		try {
			const res = await authenticate(result.sandbox);
			expect(typeof res.json.access_token).toBe('string');
			expect((await decommission(result.sandbox)).status).toBe(200);
			expect(lines[0]).toBe(`Movilitas sandbox listening on ${result.sandbox.url}`);
			expect(lines.join('\n')).toContain('sandbox-secret-123 (the sandbox default)');
			expect(lines.some((l) => l.startsWith('POST '))).toBe(false);
		} finally {
			await result.sandbox.stop();
		}
		expect(await runCli(['--error-shape', 'flat'], {}, io)).toEqual({ exitCode: 2 });
		expect(lines[lines.length - 1]).toMatch(/^ERR movilitas sandbox: errorShape must be one of/);
	});
});
