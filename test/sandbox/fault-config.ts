import { httpStatus, share, whole } from './checks';
import type { FaultTrigger } from './fault-types';
import type { SandboxSettings } from './types';

function trigger(name: string, fault: FaultTrigger): void {
	if (fault.share !== undefined) share(`${name}.share`, fault.share);
	if (fault.next !== undefined) whole(`${name}.next`, fault.next);
}

function after(name: string, value: unknown): void {
	if (value === undefined || typeof value === 'boolean') return;
	share(`${name}.afterProcessing`, value);
}

function seconds(name: string, value: unknown): void {
	if (value === undefined) return;
	if (Array.isArray(value)) {
		const [min, max] = value as unknown[];
		whole(`${name}[0]`, min);
		whole(`${name}[1]`, max, min as number);
		return;
	}
	whole(name, value);
}

function statuses(name: string, list: unknown, from: number, to: number): void {
	if (list === undefined) return;
	if (!Array.isArray(list) || list.length === 0)
		throw new Error(`${name} must be a non-empty array`);
	for (const status of list) {
		if (httpStatus(name, status) < from || (status as number) > to) {
			throw new Error(`${name} must hold statuses from ${from} to ${to} (got ${status})`);
		}
	}
}

/** Checks every fault setting; see fault-types.ts for what they mean. */
export function validateFaults(s: SandboxSettings): void {
	if (s.fail503) {
		trigger('fail503', s.fail503);
		after('fail503', s.fail503.afterProcessing);
		seconds('fail503.retryAfterSeconds', s.fail503.retryAfterSeconds);
	}
	if (s.dropConnections) {
		trigger('dropConnections', s.dropConnections);
		after('dropConnections', s.dropConnections.afterProcessing);
	}
	if (s.fail429) {
		trigger('fail429', s.fail429);
		seconds('fail429.retryAfterSeconds', s.fail429.retryAfterSeconds);
	}
	if (s.serverErrors) {
		trigger('serverErrors', s.serverErrors);
		after('serverErrors', s.serverErrors.afterProcessing);
		statuses('serverErrors.statuses', s.serverErrors.statuses, 500, 599);
		if (s.serverErrors.statuses?.includes(503)) {
			throw new Error('serverErrors.statuses must not hold 503: use fail503');
		}
	}
	if (s.slowAnswers) {
		trigger('slowAnswers', s.slowAnswers);
		whole('slowAnswers.delayMs', s.slowAnswers.delayMs);
		after('slowAnswers', s.slowAnswers.afterProcessing);
	}
	if (s.partialFailure) {
		const p = s.partialFailure;
		trigger('partialFailure', p);
		if (p.refuseShare !== undefined) share('partialFailure.refuseShare', p.refuseShare);
		if (p.refusedStatus !== undefined && typeof p.refusedStatus !== 'string') {
			throw new Error('partialFailure.refusedStatus must be a string');
		}
		if (p.httpStatus !== undefined) httpStatus('partialFailure.httpStatus', p.httpStatus);
	}
	if (s.redirects) {
		const r = s.redirects;
		trigger('redirects', r);
		statuses('redirects.statuses', r.statuses, 300, 399);
		if (r.route !== undefined && !['auth', 'decommission', 'both'].includes(r.route)) {
			throw new Error(`redirects.route must be one of auth, decommission, both (got ${r.route})`);
		}
		let url: URL | undefined;
		try {
			url = new URL(r.location);
		} catch {
			url = undefined;
		}
		if (!url || !/^https?:$/.test(url.protocol)) {
			throw new Error(`redirects.location must be an http(s) URL (got ${String(r.location)})`);
		}
	}
}
