import { readFileSync } from 'node:fs';

import { FLAGS, type CliSettings, type Flag } from './cli-flags';
import type { SandboxOptions } from './types';

export type { CliSettings } from './cli-flags';

export function envName(flag: string): string {
	return `MOVILITAS_SANDBOX_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** Precedence, lowest first: defaults, --config file, MOVILITAS_SANDBOX_* env, flags. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliSettings {
	const pairs = flagPairs(argv);
	const configFile =
		pairs.find(([name]) => name === 'config')?.[1] ?? env[envName('config')] ?? undefined;
	const target: CliSettings = { options: {}, quiet: false, help: false };
	if (configFile) target.options = readConfig(configFile);
	for (const flag of FLAGS) {
		const value = env[envName(flag.name)];
		if (value !== undefined && value !== '' && flag.name !== 'config') {
			apply(flag, target, value, envName(flag.name));
		}
	}
	for (const [name, value] of pairs) {
		const flag = FLAGS.find((f) => f.name === name);
		if (!flag) throw new Error(`Unknown option --${name} (see --help)`);
		apply(flag, target, value, `--${name}`);
	}
	return target;
}

function apply(flag: Flag, target: CliSettings, value: string, source: string): void {
	try {
		flag.set(target, value);
	} catch (error) {
		throw new Error(`${source}: ${(error as Error).message}`);
	}
}

/** Supports --name value, --name=value, and bare boolean flags (--quiet, --no-any-serial). */
function flagPairs(argv: string[]): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
		const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2);
		const negated = rawName.startsWith('no-') && !FLAGS.some((f) => f.name === rawName);
		const name = negated ? rawName.slice(3) : rawName;
		const flag = FLAGS.find((f) => f.name === name);
		const isBool = !flag?.arg || flag.arg === 'bool';
		if (inline !== undefined) pairs.push([name, inline]);
		else if (negated) pairs.push([name, 'false']);
		else if (isBool && (argv[i + 1] === undefined || argv[i + 1].startsWith('--'))) {
			pairs.push([name, 'true']);
		} else if (argv[i + 1] === undefined) throw new Error(`--${name} needs a value`);
		else pairs.push([name, argv[++i]]);
	}
	return pairs;
}

function readConfig(file: string): SandboxOptions {
	let value: unknown;
	try {
		value = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`Cannot read config ${file}: ${(error as Error).message}`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new Error(`Config ${file} must hold a JSON object`);
	}
	return value as SandboxOptions;
}

export function usage(): string {
	const lines = FLAGS.map((f) => {
		const left = `  --${f.name}${f.arg ? ` <${f.arg}>` : ''}`;
		return `${left.padEnd(44)}${f.help}`;
	});
	return [
		'Usage: npm run sandbox -- [options]',
		'',
		...lines,
		'',
		'Each option can also come from the environment: --latency-ms 200 = MOVILITAS_SANDBOX_LATENCY_MS=200.',
		'Precedence: defaults < --config file < environment < flags. Boolean flags accept --no-<name>.',
	].join('\n');
}
