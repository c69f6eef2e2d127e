import type { ApiVersion } from '../contracts/index.ts';
import type { Exchange } from './exchange.ts';
import type { HttpClient, SendOptions } from './http-client.ts';

/** Something that records what a run creates, so it can be cleaned up (the cleanup ledger). */
export interface CreationRecorder {
  record(entry: {
    kind: 'order' | 'contact' | 'guest';
    apiVersion: ApiVersion;
    ref: string;
    orderRef?: string;
  }): void;
  markDeleted(kind: 'order' | 'contact' | 'guest', ref: string): void;
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
    const exchange = await this.send(
      version,
      'createOrderContact',
      'POST',
      `/${version}/orders/${enc(orderRef)}/contacts`,
      body,
      options,
    );
    const ref = refOf(exchange);
    if (ref) this.recorder?.record({ kind: 'contact', apiVersion: version, ref, orderRef });
    return exchange;
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
  async createOrder(version: ApiVersion, body: unknown, options: CallOptions = {}): Promise<Exchange> {
    const exchange = await this.send(version, 'createOrder', 'POST', `/${version}/orders`, body, options);
    const ref = refOf(exchange);
    if (ref) this.recorder?.record({ kind: 'order', apiVersion: version, ref });
    return exchange;
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
  async createGuest(version: ApiVersion, body: unknown, options: CallOptions = {}): Promise<Exchange> {
    const exchange = await this.send(version, 'createGuest', 'POST', `/${version}/guests`, body, options);
    const ref = refOf(exchange);
    if (ref) this.recorder?.record({ kind: 'guest', apiVersion: version, ref });
    return exchange;
  }

  /** Any request, for the robustness checks (unknown paths, methods, raw bodies). */
  raw(options: SendOptions): Promise<Exchange> {
    return this.http.send(options);
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
