import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleAuth } from './auth';
import { AUTH_PATH, DECOMMISSION_PATH } from './config';
import type { SandboxContext } from './context';
import { handleDecommission } from './decommission';
import { echoOutcome, secretsOfRequest, type Echoed } from './echo';
import { errorOutcome, rateLimited, redirect, serverError, serviceUnavailable } from './errors';
import { bodyKey, type FaultDecision } from './faults';
import type { IncomingInfo, Outcome, RecordedRequest, Route } from './types';
import { parseBody } from './validate';

type Delay = (ms: number) => Promise<void>;

/**
 * Answers one request: records it, lets the faults decide, applies it (unless a fault answered
 * before processing), then answers, late or not at all if a fault says so.
 */
export async function serve(
	ctx: SandboxContext,
	delay: Delay,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	ctx.activity.begin();
	try {
		const rawBody = await readBody(req);
		const method = req.method ?? 'GET';
		const path = normalisePath(req.url ?? '/');
		const headers = lowerCaseHeaders(req);
		const route = routeOf(method, path);
		const info: IncomingInfo = {
			method,
			path,
			headers,
			rawBody,
			json: parseBody(rawBody),
			bodyKey: bodyKey(rawBody),
		};
		const entry: RecordedRequest = {
			method,
			path,
			route,
			headers,
			body: recordedBody(info),
			status: 0,
			dropped: false,
			at: Date.now(),
		};
		ctx.requests.push(entry);
		await respond(ctx, delay, info, entry, res);
	} finally {
		ctx.activity.end();
	}
}

async function respond(
	ctx: SandboxContext,
	delay: Delay,
	info: IncomingInfo,
	entry: RecordedRequest,
	res: ServerResponse,
): Promise<void> {
	const { settings } = ctx;
	const secrets = settings.echoSecrets ? secretsOfRequest(ctx, info) : [];
	// The latency is the answer's way back: a request is handled when it arrives, as a server
	// with a thread per request would, and its answer is held. Held before handling instead,
	// requests that arrived together would all be handled when their waits end, one after
	// another on this one thread, and a client with several in flight would get them bunched.
	const late =
		settings.latencyMs > 0 &&
		(entry.route === 'decommission' || (entry.route === 'auth' && settings.faultsOnAuth));
	const answer: Answer = async (outcome) => {
		if (late) await delay(settings.latencyMs);
		if (outcome === 'drop') {
			entry.dropped = true;
			res.socket?.destroy();
			done(ctx, entry);
		} else finish(ctx, res, entry, echoOutcome(outcome, secrets));
	};
	const fault = ctx.faults.decide(settings, entry.route, info.bodyKey);
	if (fault.kind === 'redirect') {
		return answer(redirect(fault.status, fault.location, info.path, redirectQuery(secrets)));
	}
	if (fault.kind === 'rateLimit') return answer(rateLimited(settings, fault.retryAfterSeconds));
	const after = 'afterProcessing' in fault && fault.afterProcessing;
	if (!after && (await faultAnswer(ctx, delay, fault, answer))) return;

	let outcome: Outcome;
	if (entry.route === 'auth') outcome = handleAuth(ctx, info);
	else if (entry.route === 'decommission') outcome = handleDecommission(ctx, info);
	else outcome = errorOutcome(settings, 'NotFoundError', `Cannot ${info.method} ${info.path}`);

	if (after && (await faultAnswer(ctx, delay, fault, answer))) return;
	await answer(outcome);
}

/** Answers after the latency, with an outcome or by dropping the connection. */
type Answer = (outcome: Outcome | 'drop') => Promise<void>;

/** Answers for the fault, or (slow answers) only waits; true when the request is answered. */
async function faultAnswer(
	ctx: SandboxContext,
	delay: Delay,
	fault: FaultDecision,
	answer: Answer,
): Promise<boolean> {
	switch (fault.kind) {
		case 'fail503':
			await answer(serviceUnavailable(ctx.settings, fault.html, fault.retryAfterSeconds));
			return true;
		case 'serverError':
			await answer(serverError(fault.status, fault.html));
			return true;
		case 'drop':
			await answer('drop');
			return true;
		case 'slow':
			await delay(fault.delayMs);
			return false;
		default:
			return false;
	}
}

/** With echoSecrets the Location's query carries the token, which a client must never repeat. */
function redirectQuery(secrets: Echoed[]): string {
	const token = secrets.find((s) => s.label === 'token') ?? secrets[0];
	return token ? `session=${encodeURIComponent(token.value)}` : 'from=sandbox';
}

function finish(
	ctx: SandboxContext,
	res: ServerResponse,
	entry: RecordedRequest,
	outcome: Outcome,
): void {
	const text = typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body);
	if (!res.destroyed) {
		res.writeHead(outcome.status, {
			'content-type': outcome.contentType ?? 'application/json; charset=utf-8',
			'content-length': String(Buffer.byteLength(text)),
			...outcome.headers,
		});
		res.end(text);
	}
	entry.status = outcome.status;
	done(ctx, entry);
}

function done(ctx: SandboxContext, entry: RecordedRequest): void {
	entry.durationMs = Date.now() - entry.at;
	ctx.settings.onRequest?.(entry);
}

function routeOf(method: string, path: string): Route {
	if (method !== 'POST') return 'other';
	if (path === AUTH_PATH) return 'auth';
	if (path === DECOMMISSION_PATH) return 'decommission';
	return 'other';
}

/** Drops the query and one trailing slash, as Express's default routing does; '//' stays wrong. */
function normalisePath(url: string): string {
	const path = url.split('?')[0];
	return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
	}
	return headers;
}

function recordedBody(info: IncomingInfo): unknown {
	return info.json.ok ? info.json.value : info.rawBody;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
