/**
 * Runs the sandbox by hand: `npm run sandbox -- --latency-ms 200` (see --help).
 * Prints where it listens and how to point the n8n credential at it; never prints a token.
 */
import { parseCli, usage } from './cli-args';
import { DEFAULT_API_SECRET } from './config';
import { startSandbox, type RecordedRequest, type Sandbox, type SandboxSettings } from './server';

export interface CliIo {
	out(line: string): void;
	err(line: string): void;
}

const consoleIo: CliIo = {
	out: (line) => process.stdout.write(`${line}\n`),
	err: (line) => process.stderr.write(`${line}\n`),
};

export type CliResult = { sandbox: Sandbox } | { sandbox?: undefined; exitCode: number };

/** Starts the sandbox, or prints help / why it could not start (exitCode 2 on bad settings). */
export async function runCli(
	argv: string[],
	env: NodeJS.ProcessEnv,
	io: CliIo = consoleIo,
): Promise<CliResult> {
	try {
		const parsed = parseCli(argv, env);
		if (parsed.help) {
			io.out(usage());
			return { exitCode: 0 };
		}
		// Method, path and status only: headers and bodies carry secrets and tokens.
		const onRequest = parsed.quiet
			? undefined
			: (r: RecordedRequest) =>
					io.out(`${r.method} ${r.path} ${r.dropped ? 'dropped' : r.status} ${r.durationMs}ms`);
		const sandbox = await startSandbox({ ...parsed.options, onRequest });
		for (const line of banner(sandbox.url, sandbox.settings)) io.out(line);
		return { sandbox };
	} catch (error) {
		io.err(`movilitas sandbox: ${(error as Error).message}`);
		return { exitCode: 2 };
	}
}

export function banner(url: string, s: Readonly<SandboxSettings>): string[] {
	const key = s.apiKeys[0];
	const secret =
		key?.apiSecret === DEFAULT_API_SECRET
			? `${DEFAULT_API_SECRET} (the sandbox default)`
			: '(the secret configured for this key)';
	const products = s.products
		.map((p) => (p.marketId ? `${p.productCode} (${p.marketId})` : p.productCode))
		.join(', ');
	return [
		`Movilitas sandbox listening on ${url}`,
		'',
		'Point the n8n "Movilitas API" credential at it:',
		'  Environment:   Custom',
		`  Base URL:      ${url}`,
		'  Token Type:    Dynamic (API Key and Secret)',
		`  API Key:       ${key ? key.apiKey : '(none configured)'}`,
		`  API Secret:    ${key ? secret : '(none configured)'}`,
		`  Channel Key:   ${s.channelKeys[0] ?? '(none configured)'}`,
		`  Static tokens: ${s.staticTokens.length} configured (staticTokens setting; not printed)`,
		`Products: ${products || '(none)'}`,
		'Stop with Ctrl+C.',
	];
}

if (require.main === module) {
	void runCli(process.argv.slice(2), process.env).then((result) => {
		const { sandbox } = result;
		if (!sandbox) {
			process.exitCode = 'exitCode' in result ? result.exitCode : 1;
			return;
		}
		const shutdown = () => {
			void sandbox.stop().then(() => consoleIo.out('Movilitas sandbox stopped'));
		};
		process.once('SIGINT', shutdown);
		process.once('SIGTERM', shutdown);
	});
}
