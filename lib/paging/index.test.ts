import { describe, expect, it } from "vitest";
import { pageParam, pageWindow, toPage } from "./index";

describe("paging", () => {
  it("reads page numbers and falls back to the first page", () => {
    expect(pageParam.parse("3")).toBe(3);
    expect(pageParam.parse(undefined)).toBe(1);
    expect(pageParam.parse("0")).toBe(1);
    expect(pageParam.parse("abc")).toBe(1);
    expect(pageParam.parse("2.5")).toBe(1);
  });

  it("turns a page into an offset", () => {
    expect(pageWindow(1, 20)).toEqual({ skip: 0, take: 20 });
    expect(pageWindow(3, 20)).toEqual({ skip: 40, take: 20 });
  });

  it("counts pages, with one page when there is nothing", () => {
    expect(toPage([], 0, 1, 20).pageCount).toBe(1);
    expect(toPage([], 41, 1, 20).pageCount).toBe(3);
    expect(toPage([], 40, 1, 20).pageCount).toBe(2);
  });
});
