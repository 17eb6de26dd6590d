import type { SandboxContext } from './context';
import { decodePayload } from './tokens';
import type { IncomingInfo, Outcome } from './types';
import { jsonObject } from './validate';

/** A secret a request carried, with a label saying which one it is. */
export interface Echoed {
	label: string;
	value: string;
}

/**
 * The secrets a request carried, most sensitive first: the API secret and key of an auth call;
 * the channel key, the token, and the key and secret that token was issued for.
 */
export function secretsOfRequest(ctx: SandboxContext, req: IncomingInfo): Echoed[] {
	const found: Echoed[] = [];
	const add = (label: string, value: unknown) => {
		if (typeof value === 'string' && value !== '' && !found.some((s) => s.value === value)) {
			found.push({ label, value });
		}
	};
	const parsed = jsonObject(req.json);
	if (parsed.ok) {
		add('api_secret', parsed.value.api_secret);
		add('api_key', parsed.value.api_key);
	}
	add('channel', req.headers['x-channel-key']);
	const token = req.headers['x-access-token'];
	add('token', token);
	const payload = typeof token === 'string' ? decodePayload(token.split('.')[1] ?? '') : undefined;
	if (typeof payload?.key === 'string') {
		add('api_key', payload.key);
		add('api_secret', ctx.settings.apiKeys.find((k) => k.apiKey === payload.key)?.apiSecret);
	}
	return found;
}

/**
 * Appends the secrets to a message so that the first one straddles character 300, with all but
 * its last 4 characters before it: a client that shortens a text to 300 characters before
 * masking it leaks most of that secret.
 */
export function echoMessage(message: string, secrets: Echoed[]): string {
	if (secrets.length === 0) return message;
	const [first, ...rest] = secrets;
	const head = `${message} (sandbox echo `;
	const label = `${first.label}=`;
	const start = 300 - Math.max(1, first.value.length - 4);
	const fill = '.'.repeat(Math.max(1, start - head.length - label.length));
	const tail = rest.map((s) => `, ${s.label}=${s.value}`).join('');
	return `${head}${fill}${label}${first.value}${tail})`;
}

/** The outcome with the secrets echoed in its message, if it is a failure. */
export function echoOutcome(outcome: Outcome, secrets: Echoed[]): Outcome {
	if (secrets.length === 0) return outcome;
	const { body } = outcome;
	if (typeof body === 'string') {
		return outcome.status >= 300 ? { ...outcome, body: echoMessage(body, secrets) } : outcome;
	}
	const record = body as Record<string, unknown> | null;
	if (!record || typeof record !== 'object' || Array.isArray(record)) return outcome;
	if (outcome.status < 300 && record.success !== false) return outcome;
	const copy: Record<string, unknown> = { ...record };
	if (typeof copy.message === 'string') copy.message = echoMessage(copy.message, secrets);
	const inner = copy.error as Record<string, unknown> | null;
	if (inner && typeof inner === 'object' && typeof inner.message === 'string') {
		copy.error = { ...inner, message: echoMessage(inner.message, secrets) };
	}
	return { ...outcome, body: copy };
}
