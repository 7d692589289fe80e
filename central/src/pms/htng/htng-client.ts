// One SOAP round trip: build the envelope, send it through the shared HTTP client, check that the
// answer echoes our EchoToken and CorrelationID (an answer to another request is no answer), and
// turn OTA `<Errors>` or a SOAP Fault into our codes.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import { classifyMessage, refusal } from '../http/business-error.js';
import {
  createHttpClient,
  type FetchLike,
  type HttpClient,
  lostAnswer,
  type RequestKind,
} from '../http/http-client.js';
import { createOAuthAuthorizer } from '../http/oauth-token.js';
import { staticAuth } from '../http/static-auth.js';
import type { HtngPmsConfig } from './htng-config.js';
import { type Correlation, outcome } from './htng-messages.js';
import { attr, child, envelope, readEnvelope, text, type XmlNode } from './htng-soap.js';

export interface HtngDeps {
  clock: Clock;
  fetch?: FetchLike;
  /** EchoTokens; injected so tests can predict them. */
  newId?: () => string;
}

export class HtngClient {
  readonly #http: HttpClient;
  readonly #config: HtngPmsConfig;
  readonly #clock: Clock;
  readonly #newId: () => string;

  constructor(config: HtngPmsConfig, deps: HtngDeps) {
    this.#config = config;
    this.#clock = deps.clock;
    this.#newId = deps.newId ?? randomUUID;
    const base = {
      baseUrl: config.endpointUrl,
      timeoutMs: config.timeoutMs,
      clock: deps.clock,
      fetch: deps.fetch,
    };
    const auth =
      config.auth.type === 'oauth'
        ? createOAuthAuthorizer(config.auth, createHttpClient(base), deps.clock)
        : staticAuth({ authorization: `Bearer ${config.auth.token}` });
    this.#http = createHttpClient({ ...base, auth, headers: { accept: 'application/soap+xml, text/xml' } });
  }

  correlation(correlationId?: string): Correlation {
    return {
      echoToken: this.#newId(),
      correlationId: correlationId ?? this.#newId(),
      timeStamp: this.#clock.now().toISOString(),
    };
  }

  /** Sends one RQ and returns its RS, checked for echo and errors. */
  async call(
    body: Record<string, unknown>,
    c: Correlation,
    kind: RequestKind,
  ): Promise<{ rs: XmlNode; warnings: string[] }> {
    const answer = await this.#http.send({
      method: 'POST',
      path: this.#config.endpointUrl,
      kind,
      body: { text: envelope(body), contentType: 'application/soap+xml; charset=utf-8' },
    });
    const { name, node } = readEnvelope(answer);
    if (name === 'Fault') {
      const reason = text(child(node, 'Reason', 'Text')) || 'SOAP fault';
      // SOAP 1.2 §5.4.6: a Sender fault is our message's fault; anything else is the PMS's trouble.
      const sender = /Sender/.test(text(child(node, 'Code', 'Value')));
      if (!sender) throw lostAnswer(kind, `SOAP fault: ${reason}`, { status: answer.status });
      throw refusal(classifyMessage(reason, this.#config.messagePatterns), reason, { status: answer.status });
    }
    if (attr(node, 'EchoToken') !== c.echoToken || attr(node, 'CorrelationID') !== c.correlationId) {
      throw lostAnswer(kind, `${name} does not echo our EchoToken/CorrelationID`, { status: answer.status });
    }
    const result = outcome(node);
    if (!result.success) {
      const [first] = result.errors;
      if (!first) throw lostAnswer(kind, `${name} has neither Success nor Errors`, { status: answer.status });
      const mapped =
        this.#config.errorCodes[first.code] ?? classifyMessage(first.text, this.#config.messagePatterns);
      throw refusal(mapped, first.text, { pmsCode: first.code, message: name });
    }
    if (answer.status >= 400)
      throw new PmsError('POSTING_REJECTED', `HTTP ${answer.status}`, { retryable: false });
    return { rs: node, warnings: result.warnings };
  }
}
