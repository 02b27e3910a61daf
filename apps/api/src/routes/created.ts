// 201 Created always names what was created in Location (RFC 9110 §15.3.2), so a client can fetch it again
// without knowing our URL patterns. Where the thing has no address of its own (an answer, an invitation), the
// Location is the resource that shows it.
import type { FastifyReply } from 'fastify';

/** Sends 201 with a Location header. `location` is an absolute path under this API. */
export function created<Body>(reply: FastifyReply, location: string, body: Body) {
  return reply.code(201).header('location', location).send(body);
}

/** Sends 201 when the request created something and 200 when it matched what was already there. */
export function createdOrExisting<Body>(reply: FastifyReply, isNew: boolean, location: string, body: Body) {
  reply.header('location', location);
  return reply.code(isNew ? 201 : 200).send(body);
}
