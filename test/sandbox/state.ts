import type { SandboxContext } from './context';
import { seededRandom } from './faults';
import { buildLedger } from './ledger';
import type { SerialRecords } from './store';
import type {
	RecordedRequest,
	SandboxLedger,
	SandboxState,
	SerialRecord,
	SerialStatus,
} from './types';

/** A live view over the sandbox context: tests read it while the server keeps running. */
export class SandboxStateView implements SandboxState {
	constructor(private readonly ctx: SandboxContext) {}

	get requests(): RecordedRequest[] {
		return this.ctx.requests;
	}

	get authCalls(): number {
		return this.ctx.requests.filter((r) => r.route === 'auth').length;
	}

	get decommissionCalls(): number {
		return this.ctx.requests.filter((r) => r.route === 'decommission').length;
	}

	get tokensIssued(): string[] {
		return this.ctx.tokens.issued;
	}

	get serials(): SerialRecords {
		return this.ctx.store.serials;
	}

	serialRecord(productCode: string, serial: string): SerialRecord | undefined {
		return this.ctx.store.get(productCode, serial);
	}

	serialStatus(productCode: string, serial: string): SerialStatus | undefined {
		const record = this.ctx.store.get(productCode, serial);
		if (record) return record.status;
		const registered = this.ctx.settings.products.some((p) => p.productCode === productCode);
		return registered && this.ctx.settings.anySerialCommissioned ? 'Commissioned' : undefined;
	}

	ledger(): SandboxLedger {
		return buildLedger(this.ctx.requests, this.ctx.store.serials);
	}

	revokeToken(token: string): void {
		this.ctx.tokens.revoke(token);
	}

	reset(): void {
		this.ctx.requests.length = 0;
		this.ctx.tokens.reset();
		this.ctx.store.reset(this.ctx.settings.products);
		this.ctx.faults.reset(this.ctx.settings);
		this.ctx.shapeRandom = seededRandom(this.ctx.settings.seed + 1);
	}
}
