/**
 * The credentials the scenarios import, built from fixtures/credentials.json (the one place that
 * names the credential's fields); every key, secret and token put into one is remembered, so that
 * checks.ts can make sure none shows up in n8n's output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_STATIC_TOKEN,
	type Sandbox,
} from '../sandbox/server';
import fixtureJson from './fixtures/credentials.json';
import { randomId, type CredentialImport } from './n8n-types';
import { CREDENTIAL_TYPE } from './settings';

type Mode = 'dynamic' | 'static';
const MODES = ['common', 'dynamic', 'static'] as const;
const fixture = fixtureJson as unknown as Record<(typeof MODES)[number], Record<string, string>>;
const FIXTURE = 'test/e2e/fixtures/credentials.json';

/** Placeholders of the fixture that hold a secret (all but the sandbox URL). */
function placeholders(sandbox: Sandbox): Record<string, { value: string; secret: boolean }> {
	return {
		sandboxUrl: { value: sandbox.url, secret: false },
		apiKey: { value: DEFAULT_API_KEY, secret: true },
		apiSecret: { value: DEFAULT_API_SECRET, secret: true },
		staticToken: { value: DEFAULT_STATIC_TOKEN, secret: true },
		channelKey: { value: DEFAULT_CHANNEL_KEY, secret: true },
	};
}

/** Every key, secret and token put into a credential: none may appear in n8n's output. */
const credentialSecrets = new Set<string>();

export function knownSecrets(): string[] {
	return [...credentialSecrets];
}

function credential(
	mode: Mode,
	name: string,
	sandbox: Sandbox,
	overrides: Record<string, string>,
): CredentialImport {
	const values = placeholders(sandbox);
	const data: Record<string, string> = {};
	for (const [field, raw] of Object.entries({ ...fixture.common, ...fixture[mode] })) {
		const placeholder = /^\{(\w+)\}$/.exec(raw)?.[1];
		if (placeholder && !values[placeholder]) {
			throw new Error(`${FIXTURE}: unknown placeholder ${raw} in ${mode}.${field}`);
		}
		data[field] = placeholder ? values[placeholder].value : raw;
		if (placeholder && values[placeholder].secret) credentialSecrets.add(data[field]);
	}
	for (const [field, value] of Object.entries(overrides)) {
		if (!(field in data)) throw new Error(`${FIXTURE} has no field ${field} to override`);
		data[field] = value;
		if (value !== '') credentialSecrets.add(value);
	}
	return { id: randomId('cr'), name, type: CREDENTIAL_TYPE, data };
}

export function dynamicCredential(
	sandbox: Sandbox,
	overrides: Record<string, string> = {},
): CredentialImport {
	return credential('dynamic', 'Movilitas sandbox (dynamic token)', sandbox, overrides);
}

export function staticCredential(sandbox: Sandbox): CredentialImport {
	return credential('static', 'Movilitas sandbox (static token)', sandbox, {});
}

/**
 * Throws unless every field of the fixture is a property of the built credential: n8n would
 * import an unknown field silently and use the property's default instead (a renamed
 * `authentication` would quietly turn every scenario into the default token mode).
 */
export async function checkCredentialFixture(repoRoot: string): Promise<string[]> {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		n8n?: { credentials?: string[] };
	};
	const credentialFile = manifest.n8n?.credentials?.[0];
	if (!credentialFile) throw new Error('package.json lists no credential under "n8n"');
	const exported = (await import(join(repoRoot, credentialFile))) as Record<string, unknown>;
	const CredentialClass = Object.values(exported).find((value) => typeof value === 'function') as
		| (new () => { name: string; properties: Array<{ name: string }> })
		| undefined;
	if (!CredentialClass) throw new Error(`${credentialFile} exports no credential class`);
	const credentialType = new CredentialClass();
	if (credentialType.name !== CREDENTIAL_TYPE) {
		throw new Error(`${credentialFile} is ${credentialType.name}, not ${CREDENTIAL_TYPE}`);
	}
	const properties = credentialType.properties.map((property) => property.name);
	const fields = [...new Set(MODES.flatMap((mode) => Object.keys(fixture[mode])))];
	const unknown = fields.filter((field) => !properties.includes(field));
	if (unknown.length > 0) {
		throw new Error(
			`${FIXTURE}: ${unknown.join(', ')} not a property of ${CREDENTIAL_TYPE} (it has ${properties.join(', ')})`,
		);
	}
	return fields;
}
