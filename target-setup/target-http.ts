import type { OccConfig, ProxySettings } from '../lib/config.ts';
import type { SendObserver } from '../lib/exchange.ts';
import type { GiveUpSwitch } from '../lib/give-up.ts';
import { type Credentials, HttpClient } from '../lib/http-client.ts';

/** What the HTTP client of a target needs to know. */
export interface TargetHttpOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly settings: Pick<OccConfig, 'timeoutMs' | 'retries' | 'concurrency' | 'rps' | 'readOnly'>;
  readonly giveUp?: GiveUpSwitch;
  /** The environment's proxies; left out for the embedded mock, which lives in the run's own process. */
  readonly proxy?: ProxySettings;
  /** Told of every send and its attempts (--record). */
  readonly observer?: SendObserver;
}

/** The one way occ builds the HTTP client that talks to a target, with the run's limits; read-only refuses writes. */
export function createTargetHttp(options: TargetHttpOptions): HttpClient {
  const { settings } = options;
  return new HttpClient({
    baseUrl: options.baseUrl,
    credentials: options.credentials,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    concurrency: settings.concurrency,
    readOnly: settings.readOnly,
    ...(settings.rps !== undefined ? { rps: settings.rps } : {}),
    ...(options.giveUp ? { giveUp: options.giveUp } : {}),
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
}
