/** Shared by the sandbox's own jest tests; not part of the sandbox itself. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as ts from 'typescript';

import {
	AUTH_PATH,
	DECOMMISSION_PATH,
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_PRODUCT_EU,
	DEFAULT_STATIC_TOKEN,
	startSandbox,
	type Sandbox,
	type SandboxOptions,
} from './server';

/** One serial in a decommission answer. */
export interface SerialEntry {
	serial_number: string;
	status: string;
}

/**
 * The fields the tests read from the sandbox's JSON answers (auth, decommission and errors alike).
 * An answer has only some of them, and json is undefined when the body is not JSON: the tests
 * assert on the fields they expect, so a missing one fails the assertion rather than the type.
 */
export interface SandboxAnswer {
	success: boolean;
	message: string;
	error: string;
	token: string;
	access_token: string;
	data: SerialEntry[];
}

export interface JsonResponse {
	status: number;
	headers: Headers;
	text: string;
	json: SandboxAnswer;
}

export async function post(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<JsonResponse> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json: json as SandboxAnswer };
}

export function authenticate(
	sandbox: Sandbox,
	apiKey = DEFAULT_API_KEY,
	apiSecret = DEFAULT_API_SECRET,
): Promise<JsonResponse> {
	return post(sandbox.url + AUTH_PATH, { api_key: apiKey, api_secret: apiSecret });
}

export function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		product_code: DEFAULT_PRODUCT_EU,
		product_code_schema: 'GTIN',
		reason: 'destroy',
		send_to_market: false,
		market_id: 'EU',
		serials: ['SER-A', 'SER-B', 'SER-C'],
		...overrides,
	};
}

export function decommission(
	sandbox: Sandbox,
	body: unknown = validBody(),
	headers: Record<string, string> = {},
): Promise<JsonResponse> {
	return post(sandbox.url + DECOMMISSION_PATH, body, {
		'x-access-token': DEFAULT_STATIC_TOKEN,
		'x-channel-key': DEFAULT_CHANNEL_KEY,
		...headers,
	});
}

/** Starts a sandbox for each test of the calling describe block and always stops it. */
export function useSandbox(options: SandboxOptions = {}): { readonly current: Sandbox } {
	const holder: { current?: Sandbox } = {};
	beforeEach(async () => {
		holder.current = await startSandbox(options);
	});
	afterEach(async () => {
		await holder.current?.stop();
		holder.current = undefined;
	});
	return {
		get current(): Sandbox {
			if (!holder.current) throw new Error('sandbox not started');
			return holder.current;
		},
	};
}

/**
 * Transpiles the sandbox sources to plain JavaScript in a temp folder, so a child `node` process
 * can run them without depending on the rest of the project compiling.
 */
export function compileSandboxToTemp(): string {
	const out = mkdtempSync(join(tmpdir(), 'movilitas-sandbox-js-'));
	mkdirSync(out, { recursive: true });
	for (const file of readdirSync(__dirname)) {
		if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'test-helpers.ts') continue;
		const source = readFileSync(join(__dirname, file), 'utf8');
		const { outputText } = ts.transpileModule(source, {
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021 },
		});
		writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
	}
	return out;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
