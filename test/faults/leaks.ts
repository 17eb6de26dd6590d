/**
 * Looks for secrets in what a user sees. A secret counts as leaked when any 8 characters of it
 * appear: a message cut before it was masked leaks only the beginning of a secret.
 */
import type { ForeignRequest } from '../sandbox/server';
import type { Findings } from './findings';

const WINDOW = 8;

/** The secret parts of a value; a JWT's header is the same for every token, so it is left out. */
export function fragments(secret: string): string[] {
	const parts = secret.split('.');
	const secretParts = parts.length === 3 ? parts.slice(1) : [secret];
	const found = new Set<string>();
	for (const part of secretParts) {
		if (part.length <= WINDOW) {
			if (part.length >= 6) found.add(part);
			continue;
		}
		for (let i = 0; i + WINDOW <= part.length; i++) found.add(part.slice(i, i + WINDOW));
	}
	return [...found];
}

function strings(value: unknown, into: Set<string>): void {
	if (typeof value === 'string') into.add(value);
	else if (Array.isArray(value)) for (const entry of value) strings(entry, into);
	else if (value && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			into.add(key);
			strings(entry, into);
		}
	}
}

/** Adds one 'leaked' per output item or error text holding a secret fragment. */
export function findLeaks(
	findings: Findings,
	outputs: unknown[],
	errorTexts: string[],
	secrets: string[],
): void {
	const distinct = new Set<string>();
	strings(outputs, distinct);
	strings(errorTexts, distinct);
	const all = [...distinct].join('\n');
	const present = [...new Set(secrets.flatMap(fragments))].filter((f) => all.includes(f));
	if (present.length === 0) return;
	const holds = (text: string) => present.find((f) => text.includes(f));
	for (const [index, output] of outputs.entries()) {
		const text = JSON.stringify(output);
		const fragment = holds(text);
		if (fragment) {
			findings.add('leaked', 'a secret in an output item', `item ${index}: …${fragment}…`);
		}
	}
	for (const text of errorTexts) {
		const fragment = holds(text);
		if (fragment)
			findings.add('leaked', 'a secret in the error or its description', `…${fragment}…`);
	}
}

/** Any request that reached the foreign host is a leak; credentials in it are named. */
export function findForeign(findings: Findings, foreign: readonly ForeignRequest[]): void {
	for (const request of foreign) {
		const body = request.body as Record<string, unknown> | null;
		const carried = [
			request.headers['x-access-token'] ? 'x-access-token' : '',
			request.headers['x-channel-key'] ? 'x-channel-key' : '',
			body && typeof body === 'object' && 'api_secret' in body ? 'api_secret' : '',
		].filter(Boolean);
		findings.add(
			'leaked',
			carried.length
				? `a redirect was followed to a foreign host with ${carried.join(', ')}`
				: 'a redirect was followed to a foreign host',
			`${request.method} ${request.url.split('?')[0]}`,
		);
	}
}
