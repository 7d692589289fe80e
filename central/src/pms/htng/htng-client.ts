// One HTNG exchange in the asynchronous pattern protel I/O publishes: the RQ goes out in a SOAP 1.2
// envelope with WS-Addressing (`wsa:MessageID`, `wsa:To`, `wsa:Action`) and HTNG's asynchronous
// headers (`htnga:CorrelationID`, `htnga:ReplyTo`); the PMS acknowledges it on the same HTTP
// exchange and later pushes the RS to our ReplyTo address (htng-results.ts). The RS must echo our
// EchoToken and CorrelationID (an answer to another request is no answer); OTA `<Errors>` or a SOAP
// Fault become our codes. A request whose acknowledgement is lost still waits for its RS: the PMS may
// have taken it, and its result tells.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import { classifyMessage, refusal } from '../http/business-error.js';
import {
  createHttpClient,
  type FetchLike,
  type HttpAnswer,
  type HttpClient,
  lostAnswer,
  type RequestKind,
} from '../http/http-client.js';
import { createOAuthAuthorizer } from '../http/oauth-token.js';
import { staticAuth } from '../http/static-auth.js';
import type { HtngPmsConfig } from './htng-config.js';
import { type Correlation, outcome } from './htng-messages.js';
import { HtngResultListener } from './htng-results.js';
import { attr, child, envelope, readEnvelope, text, type XmlNode } from './htng-soap.js';

export interface HtngDeps {
  clock: Clock;
  fetch?: FetchLike;
  /** EchoTokens and MessageIDs; injected so tests can predict them. */
  newId?: () => string;
  /** Results pushed that nobody waits for (late, or not ours). */
  onStray?: (why: string, correlationId: string | undefined) => void;
}

export class HtngClient {
  readonly #http: HttpClient;
  readonly #config: HtngPmsConfig;
  readonly #clock: Clock;
  readonly #newId: () => string;
  readonly #results: HtngResultListener;

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
        : config.auth.type === 'bearer'
          ? staticAuth({ authorization: `Bearer ${config.auth.token}` })
          : undefined;
    this.#http = createHttpClient({ ...base, auth, headers: { accept: 'application/soap+xml, text/xml' } });
    this.#results = new HtngResultListener({
      host: config.callback.listenHost,
      port: config.callback.listenPort,
      publicUrl: config.callback.publicUrl,
      path: config.callback.path,
      onStray: deps.onStray,
    });
  }

  correlation(correlationId?: string): Correlation {
    return {
      echoToken: this.#newId(),
      correlationId: correlationId ?? this.#newId(),
      // protel I/O: "YYYY-MM-DDThh:mm:ssZ", UTC without fractions.
      timeStamp: this.#clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    };
  }

  close(): Promise<void> {
    return this.#results.close();
  }

  /** Sends one RQ, waits for its pushed RS, and returns it checked for echo and errors. */
  async call(
    body: Record<string, unknown>,
    c: Correlation,
    kind: RequestKind,
    action: string,
  ): Promise<{ rs: XmlNode; warnings: string[] }> {
    const replyTo = await this.#results.replyTo();
    const waiting = this.#results.expect(c.correlationId, c.echoToken);
    let ackLost: PmsError | null = null;
    try {
      const answer = await this.#http.send({
        method: 'POST',
        path: this.#config.endpointUrl,
        kind,
        headers: { soapaction: action },
        body: {
          text: envelope(body, this.#header(c, action, replyTo)),
          contentType: this.#contentType(action),
        },
      });
      this.#acknowledged(answer, kind);
    } catch (err) {
      // Nothing reached the PMS, or it refused the message: no result will come.
      if (!(err instanceof PmsError) || err.code !== 'POSTING_UNKNOWN' || kind !== 'unprotected-write') {
        waiting.cancel();
        throw err;
      }
      ackLost = err;
    }
    const rs = await this.#awaitResult(waiting, kind, ackLost);
    if (attr(rs.node, 'EchoToken') !== c.echoToken || attr(rs.node, 'CorrelationID') !== c.correlationId) {
      throw lostAnswer(kind, `${rs.name} does not echo our EchoToken/CorrelationID`, {});
    }
    const result = outcome(rs.node);
    if (!result.success) {
      const [first] = result.errors;
      if (!first) throw lostAnswer(kind, `${rs.name} has neither Success nor Errors`, {});
      const mapped =
        this.#config.errorCodes[first.code] ?? classifyMessage(first.text, this.#config.messagePatterns);
      throw refusal(mapped, first.text, { pmsCode: first.code, message: rs.name });
    }
    return { rs: rs.node, warnings: result.warnings };
  }

  #header(c: Correlation, action: string, replyTo: string): Record<string, unknown> {
    const auth = this.#config.auth;
    return {
      'wsa:MessageID': `urn:uuid:${this.#newId()}`,
      'wsa:To': this.#config.endpointUrl,
      'wsa:Action': action,
      'htnga:CorrelationID': c.correlationId,
      'htnga:ReplyTo': { 'wsa:Address': replyTo },
      ...(auth.type === 'wsse'
        ? {
            'wsse:Security': {
              '@_soap:mustUnderstand': 'true',
              'wsse:UsernameToken': {
                'wsse:Username': auth.username,
                'wsse:Password': {
                  '@_Type':
                    'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText',
                  '#text': auth.password,
                },
              },
            },
          }
        : {}),
    };
  }

  // SOAP 1.2 (RFC 3902): the action travels as a media-type parameter too.
  #contentType(action: string): string {
    return `application/soap+xml; charset=utf-8; action="${action}"`;
  }

  /** The synchronous answer: an acknowledgement (2xx, empty or an empty envelope), or a SOAP fault. */
  #acknowledged(answer: HttpAnswer, kind: RequestKind): void {
    if (answer.status >= 200 && answer.status < 300 && answer.text.trim() === '') return;
    const { name, node } = readEnvelope(answer, { allowEmptyBody: true });
    if (name === 'Fault') {
      const reason = text(child(node, 'Reason', 'Text')) || 'SOAP fault';
      // SOAP 1.2 §5.4.6: a Sender fault is our message's fault; anything else is the PMS's trouble.
      const sender = /Sender/.test(text(child(node, 'Code', 'Value')));
      if (!sender) throw lostAnswer(kind, `SOAP fault: ${reason}`, { status: answer.status });
      throw refusal(classifyMessage(reason, this.#config.messagePatterns), reason, { status: answer.status });
    }
    if (answer.status >= 400)
      throw new PmsError('POSTING_REJECTED', `HTTP ${answer.status}`, { retryable: false });
  }

  async #awaitResult(
    waiting: ReturnType<HtngResultListener['expect']>,
    kind: RequestKind,
    ackLost: PmsError | null,
  ) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.#config.resultTimeoutMs);
    });
    try {
      const rs = await Promise.race([waiting.result, timeout]);
      if (rs) return rs;
      throw (
        ackLost ??
        lostAnswer(
          kind,
          `no result pushed within ${this.#config.resultTimeoutMs} ms of the acknowledgement`,
          {},
        )
      );
    } finally {
      clearTimeout(timer);
      waiting.cancel();
    }
  }
}
