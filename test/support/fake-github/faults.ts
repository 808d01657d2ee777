import { errorReply, type Reply, rateLimitHeaders, requestId } from './http.js';
import type { FakeGitHubState } from './state.js';
import type { ActiveFault, FaultRule } from './types.js';

const RATE_LIMIT_DOCS =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limits';
const SECONDARY_DOCS =
  'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

const SERVER_MESSAGES: Record<number, string> = {
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: 'We couldn\u2019t respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.',
};

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === 'string') return rule.path === path;
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}

/** Fault rules in the order they were added; each is used `times` times, then retired. */
export class FaultQueue {
  active: ActiveFault[] = [];

  add(rule: FaultRule): ActiveFault {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new Error(`fault times must be > 0, got ${times}`);
    if (rule.kind === 'delay' && !(rule.ms >= 0)) throw new Error('delay fault needs ms >= 0');
    const fault: ActiveFault = { rule, remaining: times, hits: 0 };
    this.active.push(fault);
    return fault;
  }

  /** Take one use of the first live rule matching this request, skipping rules already applied to it. */
  take(method: string, path: string, skip: Set<ActiveFault>): ActiveFault | undefined {
    const found = this.active.find((f) => f.remaining > 0 && !skip.has(f) && matches(f.rule, method, path));
    if (!found) return undefined;
    found.remaining -= 1;
    found.hits += 1;
    return found;
  }

  clear(): void {
    this.active = [];
  }
}

/** The primary rate limit answer: 403 (or 429) with remaining 0 and the reset time. */
export function primaryRateLimit(
  state: FakeGitHubState,
  resetSeconds = state.rateLimit.resetSeconds,
  status: 403 | 429 = 403,
): Reply {
  const reset = Math.floor(state.now().getTime() / 1000) + resetSeconds;
  const headers = {
    ...rateLimitHeaders(state),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': String(state.rateLimit.limit),
    'x-ratelimit-reset': String(reset),
  };
  return errorReply(
    status,
    'API rate limit exceeded for installation ID 4242424.',
    RATE_LIMIT_DOCS,
    {},
    headers,
  );
}

/**
 * The answer for a terminal fault (everything but 'delay' and 'reset', which the server handles
 * on the socket). Headers here override the standard ones.
 */
export function faultReply(state: FakeGitHubState, rule: FaultRule): Reply {
  switch (rule.kind) {
    case 'status':
      return errorReply(rule.status, rule.message ?? SERVER_MESSAGES[rule.status] ?? 'Server Error');
    case 'rate-limit':
      return primaryRateLimit(state, rule.resetSeconds, rule.status);
    case 'secondary-rate-limit': {
      const headers: Record<string, string> = {};
      if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
      const message =
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
        `If you reach out to GitHub Support for help, please include the request ID ${requestId()}.`;
      return errorReply(403, message, SECONDARY_DOCS, {}, headers);
    }
    case 'not-found':
      return errorReply(404, 'Not Found');
    default:
      throw new Error(`fault kind ${rule.kind} has no reply`);
  }
}
