import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Result } from '../lib/result';
import { secretsOf } from '../lib/secrets';
import { resolveBaseUrl } from './environment';

export const CREDENTIAL_TYPE = 'movilitasApi';

/** How long refreshes of several executions are spread over, in ms. */
const REFRESH_SPREAD_MS = 1000;

/** Why a request did not get an answer that can be read serial by serial. */
export interface Failure {
	/** api: Movilitas refused it or did not process it; credential: token or key refused, stop
	 * sending; notSent: never reached Movilitas; unknown: sent, and nobody can tell. */
	kind: 'api' | 'credential' | 'notSent' | 'unknown';
	message: string;
	description: string;
	statusCode?: number;
	type?: string;
}

/** Values that must never appear in output or errors; grows when a token is fetched. */
export class Secrets {
	private readonly known = new Set<string>();

	add(values: string[]): void {
		for (const value of values) this.known.add(value);
	}

	values(): string[] {
		return [...this.known];
	}
}

/**
 * One pause shared by every request of the run: a 429 or 503 holds back all of them, and a
 * Retry-After is honoured once for all rather than once per request.
 */
export class Pacer {
	private until = 0;

	pause(ms: number): void {
		this.until = Math.max(this.until, Date.now() + ms);
	}

	async ready(): Promise<void> {
		for (let wait = this.until - Date.now(); wait > 0; wait = this.until - Date.now()) {
			await sleep(wait);
		}
	}
}

/**
 * The credential as last read, and the token refreshes of this run. Requests refused with the
 * same token share one refresh (single flight): the first refreshes, the others wait for it.
 */
export class Tokens {
	private stored: ICredentialDataDecryptedObject;

	private pending: Promise<unknown> | undefined;

	/** Counts the refreshes; a request refused under an older generation just resends. */
	generation = 0;

	constructor(
		private readonly ctx: IExecuteFunctions,
		credentials: ICredentialDataDecryptedObject,
		private readonly secrets: Secrets,
	) {
		this.stored = credentials;
	}

	credentials(): ICredentialDataDecryptedObject {
		return this.stored;
	}

	/** True until a token is known: n8n fetches one with the first request. */
	needsToken(): boolean {
		return this.stored.authentication !== 'static' && !this.stored.accessToken;
	}

	/** Reads the credential again, so a token n8n just fetched and stored is masked too. */
	async reload(): Promise<void> {
		this.stored = await this.ctx.getCredentials(CREDENTIAL_TYPE);
		this.secrets.add(secretsOf(this.stored));
	}

	/** The stored token, read now: the one the next request is sent with. */
	async current(): Promise<unknown> {
		await this.reload();
		return this.stored.accessToken;
	}

	/**
	 * Waits a random moment, then reads the stored token. n8n's credential store has no lock:
	 * when a token expires, executions on several workers are refused at once, and each would
	 * fetch a token of its own. Spread over a second, the first one stores a token and the
	 * others find it (measured in queue mode: 1 token call per expiry instead of 7 to 14).
	 */
	async afterSpread(): Promise<unknown> {
		await sleep(Math.random() * REFRESH_SPREAD_MS);
		return await this.current();
	}

	/** Runs `refresh` unless one is under way or done since `seen`; then returns undefined. */
	async refreshOnce<T>(seen: number, refresh: () => Promise<T>): Promise<T | undefined> {
		if (this.pending) {
			await this.pending;
			return undefined;
		}
		if (seen !== this.generation) return undefined;
		const run = refresh().finally(async () => {
			this.generation++;
			await this.reload();
			this.pending = undefined;
		});
		this.pending = run;
		return await run;
	}
}

export interface Session {
	readonly ctx: IExecuteFunctions;
	readonly baseUrl: string;
	readonly timeoutMs: number;
	readonly secrets: Secrets;
	readonly pacer: Pacer;
	readonly tokens: Tokens;
}

/**
 * Reads the credential once per run and checks its base URL before anything is sent; a
 * credential that cannot be used is a failure that applies to every request.
 */
export async function openSession(
	ctx: IExecuteFunctions,
	timeoutMs: number,
): Promise<Result<{ session: Session }, { failure: Failure }>> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const resolved = resolveBaseUrl(credentials);
	if (!resolved.ok) {
		return {
			ok: false,
			failure: {
				kind: 'credential',
				message: resolved.problem,
				description: 'Edit the Movilitas API credential. Nothing was sent to Movilitas.',
			},
		};
	}
	const secrets = new Secrets();
	secrets.add(secretsOf(credentials));
	const session: Session = {
		ctx,
		baseUrl: resolved.baseUrl,
		timeoutMs,
		secrets,
		pacer: new Pacer(),
		tokens: new Tokens(ctx, credentials, secrets),
	};
	return { ok: true, session };
}
