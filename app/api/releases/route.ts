import { prisma } from "@/lib/db/client";
import { createRelease, type CreateReleaseRequest } from "@/lib/executions/create-release";
import { jsonPost } from "@/lib/executions/http";

export const POST = jsonPost((body) => createRelease(prisma, body as CreateReleaseRequest), 201);
