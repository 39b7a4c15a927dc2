import { z } from "zod";

export const PAGE_SIZE = 50;

/** `?page=` as a 1-based page number; anything unusable means the first page. */
export const pageParam = z.coerce.number().int().min(1).catch(1);

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

export function pageWindow(page: number, pageSize: number = PAGE_SIZE): { skip: number; take: number } {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

export function toPage<T>(items: T[], total: number, page: number, pageSize: number = PAGE_SIZE): Page<T> {
  return { items, page, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
