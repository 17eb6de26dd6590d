import type { MarketId, SandboxOptions } from './types';

/** What the CLI collects: sandbox options plus its own switches. */
export interface CliSettings {
	options: SandboxOptions;
	quiet: boolean;
	help: boolean;
}

export interface Flag {
	name: string;
	arg?: string;
	help: string;
	set(target: CliSettings, value: string): void;
}

const opt =
	<K extends keyof SandboxOptions>(key: K, parse: (v: string) => SandboxOptions[K]) =>
	(target: CliSettings, value: string) => {
		target.options[key] = parse(value);
	};

const int = (v: string): number => {
	if (!/^\d+$/.test(v.trim())) throw new Error(`expected a whole number, got "${v}"`);
	return Number(v);
};
const num = (v: string): number => {
	const n = Number(v);
	if (v.trim() === '' || !Number.isFinite(n)) throw new Error(`expected a number, got "${v}"`);
	return n;
};
const bool = (v: string): boolean => {
	if (/^(1|true|yes|on)$/i.test(v)) return true;
	if (/^(0|false|no|off)$/i.test(v)) return false;
	throw new Error(`expected true or false, got "${v}"`);
};
const list = (v: string): string[] =>
	v
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
// Enum flags are checked by applyOptions, which names the allowed values.
const str = <T>(v: string) => v as unknown as T;

export const FLAGS: Flag[] = [
	{ name: 'config', arg: 'file', help: 'JSON file with sandbox settings', set: () => undefined },
	{ name: 'port', arg: 'n', help: 'port on 127.0.0.1 (0 = any free)', set: opt('port', int) },
	{ name: 'api-key', arg: 'key', help: 'API key of the single key pair', set: setKey('apiKey') },
	{ name: 'api-secret', arg: 's', help: 'API secret of that pair', set: setKey('apiSecret') },
	{
		name: 'channel-key',
		arg: 'k,..',
		help: 'accepted channel keys',
		set: opt('channelKeys', list),
	},
	{ name: 'static-token', arg: 't,..', help: 'static tokens', set: opt('staticTokens', list) },
	{ name: 'products', arg: 'gtin[:MKT],..', help: 'registered products', set: setProducts },
	{
		name: 'token-field',
		arg: 'f',
		help: 'token|access_token|accessToken|data.token|data.access_token',
		set: opt('tokenField', str),
	},
	{
		name: 'token-lifetime',
		arg: 's',
		help: 'dynamic token lifetime in seconds',
		set: opt('tokenLifetimeSeconds', int),
	},
	{
		name: 'auth-failure-status',
		arg: 'n',
		help: 'status for a wrong key/secret',
		set: opt('authFailureStatus', int),
	},
	{
		name: 'any-serial',
		arg: 'bool',
		help: 'unseen serials of a product count as Commissioned',
		set: opt('anySerialCommissioned', bool),
	},
	{
		name: 'error-shape',
		arg: 's',
		help: 'type|name|error|nested|message',
		set: opt('errorShape', str),
	},
	{
		name: 'response-order',
		arg: 's',
		help: 'request|reverse|shuffle',
		set: opt('responseOrder', str),
	},
	{
		name: 'already-decommissioned',
		arg: 'm',
		help: 'status|error',
		set: opt('alreadyDecommissioned', str),
	},
	{ name: 'unknown-serial', arg: 'm', help: 'status|error', set: opt('unknownSerial', str) },
	{
		name: 'max-serials',
		arg: 'n',
		help: 'largest serials array accepted',
		set: opt('maxSerialsPerRequest', int),
	},
	{ name: 'latency-ms', arg: 'n', help: 'delay before each answer', set: opt('latencyMs', int) },
	{
		name: 'rate-limit',
		arg: 'limit/windowMs/retryAfterS',
		help: '429 above the limit',
		set: opt('rateLimit', rate),
	},
	{
		name: 'fail-503-share',
		arg: 'x',
		help: 'share of requests answered 503',
		set: fault('fail503', 'share', num),
	},
	{
		name: 'fail-503-next',
		arg: 'n',
		help: 'the next n requests answer 503',
		set: fault('fail503', 'next', int),
	},
	{
		name: 'drop-share',
		arg: 'x',
		help: 'share of connections dropped',
		set: fault('dropConnections', 'share', num),
	},
	{
		name: 'drop-next',
		arg: 'n',
		help: 'drop the next n connections',
		set: fault('dropConnections', 'next', int),
	},
	{
		name: 'drop-after-processing',
		arg: 'bool',
		help: 'apply, then drop',
		set: fault('dropConnections', 'afterProcessing', bool),
	},
	{
		name: 'expire-token-after',
		arg: 'n',
		help: 'a dynamic token dies after n requests',
		set: opt('expireTokenAfterRequests', int),
	},
	{
		name: 'token-error-in-ok-body',
		arg: 'bool',
		help: 'InvalidTokenError with HTTP 200',
		set: opt('tokenErrorInOkBody', bool),
	},
	{
		name: 'faults-on-auth',
		arg: 'bool',
		help: 'faults also hit /v1/api_auth',
		set: opt('faultsOnAuth', bool),
	},
	{
		name: 'seed',
		arg: 'n',
		help: 'PRNG seed for share faults and shuffling',
		set: opt('seed', num),
	},
	{
		name: 'quiet',
		arg: 'bool',
		help: 'no per-request log lines',
		set: (t, v) => void (t.quiet = bool(v)),
	},
	{ name: 'help', help: 'show this help', set: (t) => void (t.help = true) },
];

function setKey(field: 'apiKey' | 'apiSecret') {
	return (target: CliSettings, value: string) => {
		const current = target.options.apiKeys?.[0] ?? { apiKey: 'sandbox-key', apiSecret: '' };
		target.options.apiKeys = [{ ...current, [field]: value }];
	};
}

function setProducts(target: CliSettings, value: string): void {
	target.options.products = list(value).map((item) => {
		const [productCode, marketId] = item.split(':');
		return marketId ? { productCode, marketId: marketId as MarketId } : { productCode };
	});
}

function rate(value: string): SandboxOptions['rateLimit'] {
	const [limit, windowMs, retryAfterSeconds] = value.split('/').map(int);
	if (retryAfterSeconds === undefined) throw new Error('expected limit/windowMs/retryAfterSeconds');
	return { limit, windowMs, retryAfterSeconds };
}

function fault<K extends 'fail503' | 'dropConnections'>(
	key: K,
	field: string,
	parse: (v: string) => unknown,
) {
	return (target: CliSettings, value: string) => {
		target.options[key] = { ...(target.options[key] ?? {}), [field]: parse(value) };
	};
}
