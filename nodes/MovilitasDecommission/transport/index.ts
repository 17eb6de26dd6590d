import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { describeFailure, isFailureAnswer, isTokenRefusal, scrub } from '../apiErrors';
import { isAuthFailure } from './auth';
import { DECOMMISSION_PATH, resolveBaseUrl } from './environment';

export const CREDENTIAL_TYPE = 'movilitasApi';

/** Rate limits and 503s mean the request was not processed: waiting and resending is safe. */
const MAX_RETRIES = 3;
const MAX_WAIT_MS = 60_000;
/** Connection errors that happen before anything reaches the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

export type SendResult =
	| { ok: true; body: unknown }
	| {
			ok: false;
			/** api: Movilitas refused it; credential: token or key refused, stop sending;
			 * notSent: never reached Movilitas; unknown: sent, but no answer came back. */
			kind: 'api' | 'credential' | 'notSent' | 'unknown';
			message: string;
			description: string;
			statusCode?: number;
			type?: string;
	  };

export type Failure = Extract<SendResult, { ok: false }>;

export interface Session {
	ctx: IExecuteFunctions;
	baseUrl: string;
	credentials: ICredentialDataDecryptedObject;
	/** Values that must never appear in output or errors. */
	secrets: string[];
}

function causes(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current = error as Record<string, unknown> | undefined;
	while (current && typeof current === 'object' && chain.length < 5) {
		chain.push(current);
		current = current.cause as Record<string, unknown> | undefined;
	}
	return chain;
}

export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	return ['apiSecret', 'staticToken', 'accessToken', 'channelKey', 'apiKey']
		.map((key) => credentials[key])
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

function retryDelayMs(statusCode: number, headers: IDataObject, attempt: number): number {
	const header = headers['retry-after'];
	if (statusCode === 429 && header !== undefined) {
		const seconds = Number(header);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(String(header)) - Date.now();
		if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), MAX_WAIT_MS);
	}
	return Math.min(1000 * 2 ** attempt, MAX_WAIT_MS);
}

async function post(session: Session, body: IDataObject, forceRefresh: boolean) {
	const { ctx } = session;
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${session.baseUrl}${DECOMMISSION_PATH}`,
		headers: { 'Content-Type': 'application/json' },
		body,
		json: true,
		returnFullResponse: true,
		// Every answer is classified here, the same way on every n8n version: n8n itself would
		// only refresh on a 401, and Movilitas may refuse a token with a 403 or an error body.
		ignoreHttpStatusErrors: true,
		timeout: 120_000,
	};
	if (!forceRefresh) {
		return (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	}
	// An empty expirable field makes n8n run the credential's preAuthentication, store the new
	// token for every worker, and authenticate this request with it.
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options, {
		credentialsDecrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: { ...session.credentials, accessToken: '' },
		},
	})) as IN8nHttpFullResponse;
}

function transportFailure(session: Session, error: unknown, serialCount: number): SendResult {
	const chain = causes(error);
	const auth = chain.find(
		(entry) => entry.name === 'MovilitasAuthError' || isAuthFailure(entry.message),
	);
	if (auth) {
		return {
			ok: false,
			kind: 'credential',
			message: scrub(String(auth.message), session.secrets),
			description: scrub(String(auth.description ?? ''), session.secrets),
		};
	}
	// n8n's NodeApiError drops the network error it wraps but keeps its code as `httpCode`.
	const code = chain
		.flatMap((entry) => [entry.code, entry.httpCode])
		.find((value): value is string => typeof value === 'string' && /^[A-Z_]{4,}$/.test(value));
	if (code && NOT_SENT_CODES.has(code)) {
		return {
			ok: false,
			kind: 'notSent',
			// n8n replaces a message that names a network error code with a generic one:
			// the code goes into the description.
			message: `Could not reach Movilitas at ${session.baseUrl}: nothing was sent`,
			description: `Network error ${code}. Check the environment or Base URL of the Movilitas API credential.`,
		};
	}
	return {
		ok: false,
		kind: 'unknown',
		message: 'The connection to Movilitas was lost after the request was sent',
		description: `${code ? `Network error ${code}. ` : ''}Movilitas may or may not have decommissioned these ${serialCount} serials. Check their state in Movilitas before sending them again; they were not resent automatically.`,
	};
}

/**
 * Sends one decommission request. A refused token is refreshed once and the request sent once
 * more; rate limits and 503s are waited out a few times; nothing else is ever resent.
 */
export async function sendDecommission(
	session: Session,
	body: IDataObject,
	productCode: string,
): Promise<SendResult> {
	const serialCount = (body.serials as unknown[]).length;
	let forceRefresh = false;
	let refreshed = false;
	for (let waits = 0; ; ) {
		let response: IN8nHttpFullResponse;
		try {
			response = await post(session, body, forceRefresh);
		} catch (error) {
			return transportFailure(session, error, serialCount);
		}
		if (forceRefresh || session.credentials.accessToken === '') {
			// Pick up the token n8n just fetched and stored, so it is masked like the others.
			session.credentials = await session.ctx.getCredentials(CREDENTIAL_TYPE);
			session.secrets = [...new Set([...session.secrets, ...secretsOf(session.credentials)])];
			forceRefresh = false;
		}
		const { statusCode, body: answer } = response;
		if (!isFailureAnswer(statusCode, answer)) return { ok: true, body: answer };

		const report = describeFailure(statusCode, answer, productCode, session.secrets);
		if (isTokenRefusal(statusCode, report.type)) {
			if (session.credentials.tokenType === 'static') {
				return {
					ok: false,
					kind: 'credential',
					statusCode,
					type: report.type,
					message: `Movilitas refused the static token (HTTP ${statusCode}${report.type ? `, ${report.type}` : ''})`,
					description:
						'The static token may have been revoked. Generate a new one on the Tenant Dashboard (API keys) and update the Movilitas API credential; also check the channel key.',
				};
			}
			if (!refreshed) {
				refreshed = true;
				forceRefresh = true;
				continue;
			}
			return {
				ok: false,
				kind: 'credential',
				statusCode,
				type: report.type,
				message: `Movilitas refused a freshly issued token (HTTP ${statusCode}${report.type ? `, ${report.type}` : ''})`,
				description:
					'The token was refreshed once and refused again, so no further attempt was made. Check that the API key belongs to this tenant and that the channel key is of a shopfloor channel with source Manufacturer V2 API.',
			};
		}
		if ((statusCode === 429 || statusCode === 503) && waits < MAX_RETRIES) {
			await sleep(retryDelayMs(statusCode, response.headers ?? {}, waits));
			waits++;
			continue;
		}
		return { ok: false, kind: 'api', statusCode, ...report };
	}
}

/**
 * Reads the credential once per run and checks its base URL before anything is sent; a
 * credential that cannot be used is returned as a failure that applies to every request.
 */
export async function openSession(ctx: IExecuteFunctions): Promise<Session | Failure> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const resolved = resolveBaseUrl(credentials);
	if ('problem' in resolved) {
		return {
			ok: false,
			kind: 'credential',
			message: resolved.problem,
			description: 'Edit the Movilitas API credential. Nothing was sent to Movilitas.',
		};
	}
	return { ctx, baseUrl: resolved.baseUrl, credentials, secrets: secretsOf(credentials) };
}
