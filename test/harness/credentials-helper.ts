import {
	ApplicationError,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

export interface HarnessCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	id: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * In-memory stand-in for n8n's CLI `CredentialsHelper` (packages/cli/src/credentials-helper.ts):
 * same observable behaviour for what nodes use (getDecrypted, preAuthentication with persistence,
 * generic/function authenticate), with a Map instead of the encrypted database.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, HarnessCredential>();

	/** Every persisted change, in order: lets tests assert a refreshed token was saved. */
	readonly updates: CredentialUpdate[] = [];

	/** How often n8n-core asked for pre-authentication (the credential's hook may run less often). */
	preAuthenticationCalls = 0;

	authenticateCalls = 0;

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		credentials: HarnessCredential[] = [],
	) {
		super();
		this.addCredentials(credentials);
	}

	/** Adds (or replaces, by id) stored credentials; the store keeps its own copies. */
	addCredentials(credentials: HarnessCredential[]): void {
		for (const credential of credentials) this.store.set(credential.id, clone(credential));
	}

	/** Adds credential types a later run needs when the helper is shared across runs. */
	addCredentialTypes(types: Record<string, ICredentialType>): void {
		Object.assign(this.credentialTypes, types);
	}

	getCredentialType(typeName: string): ICredentialType {
		const type = this.credentialTypes[typeName];
		if (!type) throw new ApplicationError(`Unknown credential type "${typeName}" in the harness`);
		return type;
	}

	getParentTypes(typeName: string): string[] {
		const parents = this.getCredentialType(typeName).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.getCredentialType(typeName);
		if (!type.extends) return type.properties;
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(nodeCredentials, typeName);
		// Like n8n: defaults of the credential type fill absent fields (e.g. an expirable token
		// starts as ''), and a fresh copy per call stands in for the database round trip.
		return NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(typeName),
			clone(stored.data) as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, typeName);
		stored.data = clone(data);
		this.updates.push({ id: stored.id, type: typeName, data: clone(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, typeName);
		await this.updateCredentials(nodeCredentials, typeName, {
			...stored.data,
			oauthTokenData: data.oauthTokenData,
		});
	}

	async getCredentials(): Promise<ICredentials> {
		throw new ApplicationError('getCredentials (encrypted entity) is not supported in the harness');
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		this.preAuthenticationCalls++;
		const type = this.getCredentialType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		// n8n only persists output that carries the expirable field.
		if (output[expirable.name] === undefined) return undefined;

		const nodeCredentials = node.credentials?.[type.name];
		if (!nodeCredentials) return undefined;
		const storedData = this.find(nodeCredentials, type.name).data;
		const toPersist = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			// n8n never overwrites a field stored as an expression with its resolved value.
			if (key === expirable.name || !isExpression(storedData[key])) toPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, type.name, toPersist);
		return Object.assign(credentials, output);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		this.authenticateCalls++;
		const { authenticate } = this.getCredentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const resolve = (value: string) => {
				if (!isExpression(value)) return value;
				const additionalKeys = { $credentials: credentials };
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					additionalKeys,
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			requestOptions.headers ??= {};
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				target[section] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[section][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private find(nodeCredentials: INodeCredentialsDetails, typeName: string): HarnessCredential {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== typeName) {
			throw new ApplicationError(
				`Credential with ID "${nodeCredentials.id}" of type "${typeName}" is not in the harness store`,
			);
		}
		return stored;
	}
}

function clone<T>(value: T): T {
	return structuredClone(value);
}
