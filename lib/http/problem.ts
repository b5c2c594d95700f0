import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import {
  ConcurrentChangeError,
  DomainError,
  EventExistsError,
  EventNotFoundError,
  InvalidDateError,
  InvalidPeriodError,
  InvalidRuleError,
  NoticeNotAllowedError,
  PartialDateError,
  TreatyExistsError,
  TreatyNotFoundError,
  UnknownPartyError,
  UnknownTimeZoneError,
  VersionMismatchError,
} from "#domain/errors";
import { type FieldError, HttpError, ServiceUnavailableError } from "#http/errors";
import { isTransient } from "#store/errors";

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const PROBLEM_BASE = "https://treaty-clock.dev/problems/";

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function domainStatus(error: DomainError): { status: number; title: string } {
  if (error instanceof TreatyNotFoundError || error instanceof EventNotFoundError)
    return { status: 404, title: "Not found" };
  if (error instanceof TreatyExistsError || error instanceof EventExistsError)
    return { status: 409, title: "Already exists" };
  if (error instanceof ConcurrentChangeError) return { status: 409, title: "Changed concurrently" };
  if (error instanceof VersionMismatchError) return { status: 412, title: "Precondition failed" };
  if (
    error instanceof InvalidDateError ||
    error instanceof PartialDateError ||
    error instanceof UnknownTimeZoneError ||
    error instanceof InvalidPeriodError
  ) {
    return { status: 400, title: "Invalid value" };
  }
  if (error instanceof NoticeNotAllowedError || error instanceof UnknownPartyError) {
    return { status: 422, title: "Not allowed by the treaty" };
  }
  if (error instanceof InvalidRuleError) return { status: 422, title: "Not a rule the treaty can hold" };
  return { status: 422, title: "Unprocessable request" };
}

/** The request field a domain error is about, so a form can show the message beside it. */
function fieldAtFault(error: DomainError): string | undefined {
  if (error instanceof InvalidRuleError) return error.field;
  // Only an event's party and the countdown's ?party= are checked against the treaty's parties.
  if (error instanceof UnknownPartyError) return "party";
  return undefined;
}

export interface ProblemOutcome {
  response: APIGatewayProxyStructuredResultV2;
  /** True when the server, not the client, is at fault: log it with its stack. */
  serverFault: boolean;
}

export function problemResponse(
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
    body: JSON.stringify(problem),
  };
}

/** Maps any thrown value to a problem response. Unknown errors never leak their message or stack. */
export function toProblem(error: unknown, requestId: string): ProblemOutcome {
  if (error instanceof HttpError) {
    return {
      response: problemResponse(
        {
          type: PROBLEM_BASE + slug(error.title),
          title: error.title,
          status: error.status,
          detail: error.message,
          ...(error.errors ? { errors: error.errors } : {}),
        },
        error.headers,
      ),
      serverFault: error.status >= 500,
    };
  }
  if (error instanceof DomainError) {
    const { status, title } = domainStatus(error);
    const field = fieldAtFault(error);
    const errors = field === undefined ? {} : { errors: [{ path: field, message: error.message }] };
    return {
      response: problemResponse({ type: PROBLEM_BASE + error.code, title, status, detail: error.message, ...errors }),
      serverFault: false,
    };
  }
  if (isTransient(error)) return toProblem(new ServiceUnavailableError(2), requestId);
  return {
    response: problemResponse({
      type: `${PROBLEM_BASE}internal-error`,
      title: "Internal error",
      status: 500,
      detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    }),
    serverFault: true,
  };
}
