import type { ApiVersion, GuestCreateRequest, OrderCreateRequest } from '../contracts/index.ts';
import type { Exchange } from './exchange.ts';
import type { HttpClient, SendOptions } from './http-client.ts';
import { runMarkerOf } from './ledger.ts';

type Kind = 'order' | 'contact' | 'guest';

/** Something that records what a run creates, so it can be cleaned up (the cleanup ledger). */
export interface CreationRecorder {
  /** Called before a create is sent; the id it returns is passed to record() or recordNotCreated(). */
  recordIntent(intent: { kind: Kind; apiVersion: ApiVersion; orderRef?: string; marker?: string }): string;
  record(entry: {
    kind: Kind;
    apiVersion: ApiVersion;
    ref: string;
    orderRef?: string;
    intent?: string;
  }): void;
  /** The create was answered and created nothing (a 4xx, say). */
  recordNotCreated(intent: string, status: number): void;
  markDeleted(kind: Kind, ref: string): void;
}

/** Extra options for one call: credentials to use instead of the client's, a raw body, a Content-Type. */
export type CallOptions = Partial<
  Pick<SendOptions, 'auth' | 'rawBody' | 'contentType' | 'retry' | 'headers'>
>;

function refOf(exchange: Exchange): string | undefined {
  const json = exchange.json as { ref?: unknown } | undefined;
  return exchange.response && exchange.response.status < 300 && typeof json?.ref === 'string'
    ? json.ref
    : undefined;
}

/**
 * A small typed client for the Order contact API, one method per contract operation. Every call answers with the
 * whole Exchange (a non-2xx is data, not an exception); every resource it creates is recorded before it returns.
 */
export class OrderContactClient {
  constructor(
    private readonly http: HttpClient,
    private readonly recorder?: CreationRecorder,
  ) {}

  /** POST /{v}/orders/{orderRef}/contacts */
  async createContact(
    version: ApiVersion,
    orderRef: string,
    body: unknown,
    options: CallOptions = {},
  ): Promise<Exchange> {
    // The marker lets cleanup find the contact should the run die before the answer is recorded.
    const marker = runMarkerOf(body);
    return this.recordedCreate(
      { kind: 'contact', apiVersion: version, orderRef, ...(marker !== undefined ? { marker } : {}) },
      () =>
        this.send(
          version,
          'createOrderContact',
          'POST',
          `/${version}/orders/${enc(orderRef)}/contacts`,
          body,
          options,
        ),
    );
  }

  /** GET /{v}/orders/{orderRef}/contacts */
  listContacts(
    version: ApiVersion,
    orderRef: string,
    query: { offset?: number | string; limit?: number | string; expand?: boolean | string } = {},
    options: CallOptions = {},
  ): Promise<Exchange> {
    return this.http.send({
      ...options,
      method: 'GET',
      path: `/${version}/orders/${enc(orderRef)}/contacts`,
      query,
      operation: 'retrieveOrderContacts',
      apiVersion: version,
    });
  }

  /** A request the contract has no operation for (a method a path does not take): robustness probes only. */
  outsideContract(
    version: ApiVersion,
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<Exchange> {
    return this.http.send({ ...options, method, path, operation: 'outsideContract', apiVersion: version });
  }

  /** GET of a path or absolute URL the API returned (a paging link or an href). */
  follow(version: ApiVersion, operation: string, href: string, options: CallOptions = {}): Promise<Exchange> {
    return this.http.send({ ...options, method: 'GET', path: href, operation, apiVersion: version });
  }

  /** GET /{v}/orderContacts/{ref} */
  retrieveContact(version: ApiVersion, ref: string, options: CallOptions = {}): Promise<Exchange> {
    return this.send(
      version,
      'retrieveOrderContact',
      'GET',
      `/${version}/orderContacts/${enc(ref)}`,
      undefined,
      options,
    );
  }

  /** PUT /v2.1/orderContacts/{ref} (full replace) */
  replaceContact(ref: string, body: unknown, options: CallOptions = {}): Promise<Exchange> {
    return this.send('v2.1', 'replaceOrderContact', 'PUT', `/v2.1/orderContacts/${enc(ref)}`, body, options);
  }

  /** PATCH /v2.1/orderContacts/{ref} (partial update) */
  patchContact(ref: string, body: unknown, options: CallOptions = {}): Promise<Exchange> {
    return this.send(
      'v2.1',
      'partiallyUpdateOrderContact',
      'PATCH',
      `/v2.1/orderContacts/${enc(ref)}`,
      body,
      options,
    );
  }

  /** POST /v2/orderContacts/{ref} (the legacy update) */
  updateContactV2(ref: string, body: unknown, options: CallOptions = {}): Promise<Exchange> {
    return this.send('v2', 'updateOrderContact', 'POST', `/v2/orderContacts/${enc(ref)}`, body, options);
  }

  /** The version's update: PUT in v2.1, POST in v2. */
  updateContact(
    version: ApiVersion,
    ref: string,
    body: unknown,
    options: CallOptions = {},
  ): Promise<Exchange> {
    return version === 'v2.1'
      ? this.replaceContact(ref, body, options)
      : this.updateContactV2(ref, body, options);
  }

  /** DELETE /{v}/orderContacts/{ref} */
  async deleteContact(version: ApiVersion, ref: string, options: CallOptions = {}): Promise<Exchange> {
    const exchange = await this.send(
      version,
      'deleteOrderContact',
      'DELETE',
      `/${version}/orderContacts/${enc(ref)}`,
      undefined,
      options,
    );
    const status = exchange.response?.status;
    if (status !== undefined && ((status >= 200 && status < 300) || status === 404))
      this.recorder?.markDeleted('contact', ref);
    return exchange;
  }

  /** POST /{v}/orders (test setup) */
  async createOrder(
    version: ApiVersion,
    body: OrderCreateRequest,
    options: CallOptions = {},
  ): Promise<Exchange> {
    return this.recordedCreate({ kind: 'order', apiVersion: version }, () =>
      this.send(version, 'createOrder', 'POST', `/${version}/orders`, body, options),
    );
  }

  /** DELETE /{v}/orders/{ref} (test clean-up) */
  async deleteOrder(version: ApiVersion, ref: string, options: CallOptions = {}): Promise<Exchange> {
    const exchange = await this.send(
      version,
      'deleteOrder',
      'DELETE',
      `/${version}/orders/${enc(ref)}`,
      undefined,
      options,
    );
    const status = exchange.response?.status;
    if (status !== undefined && ((status >= 200 && status < 300) || status === 404))
      this.recorder?.markDeleted('order', ref);
    return exchange;
  }

  /** POST /{v}/guests (test setup) */
  async createGuest(
    version: ApiVersion,
    body: GuestCreateRequest,
    options: CallOptions = {},
  ): Promise<Exchange> {
    return this.recordedCreate({ kind: 'guest', apiVersion: version }, () =>
      this.send(version, 'createGuest', 'POST', `/${version}/guests`, body, options),
    );
  }

  /** Any request, for the robustness checks (unknown paths, methods, raw bodies). */
  raw(options: SendOptions): Promise<Exchange> {
    return this.http.send(options);
  }

  /**
   * Sends a create with the ledger told before and after: the intent is on disk before the request leaves, so a
   * run killed between the server's answer and record() still leaves a trace cleanup can follow (by its marker).
   */
  private async recordedCreate(
    intent: { kind: Kind; apiVersion: ApiVersion; orderRef?: string; marker?: string },
    create: () => Promise<Exchange>,
  ): Promise<Exchange> {
    const id = this.recorder?.recordIntent(intent);
    const exchange = await create();
    if (!this.recorder || id === undefined) return exchange;
    const ref = refOf(exchange);
    const { orderRef, kind, apiVersion } = intent;
    if (ref) this.recorder.record({ kind, apiVersion, ref, intent: id, ...(orderRef ? { orderRef } : {}) });
    // A 2xx without a readable ref may still have created something: only a refusal, or a request that never
    // left, settles the intent.
    else if (exchange.response && exchange.response.status >= 300)
      this.recorder.recordNotCreated(id, exchange.response.status);
    else if (!exchange.response && exchange.attempts === 0) this.recorder.recordNotCreated(id, 0);
    return exchange;
  }

  private send(
    version: ApiVersion,
    operation: string,
    method: string,
    path: string,
    body: unknown,
    options: CallOptions,
  ): Promise<Exchange> {
    const withBody = body === undefined || options.rawBody !== undefined ? {} : { json: body };
    return this.http.send({ ...options, ...withBody, method, path, operation, apiVersion: version });
  }
}

function enc(ref: string): string {
  return encodeURIComponent(ref);
}
