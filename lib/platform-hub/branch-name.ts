/**
 * Why a branch name is refused, or null when it is accepted. Follows `git check-ref-format --branch`,
 * so any branch the app creates can also be checked out and pushed with the git command line.
 */
export function branchNameProblem(name: string): string | null {
  if (name.trim() === "") return "Enter a branch name";
  if (name.length > 200) return "Use a branch name of at most 200 characters";
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) return "Branch names cannot contain spaces, control characters or any of ~ ^ : ? * [ \\";
  if (name.startsWith("-")) return 'Branch names cannot start with "-"';
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) return 'Branch names cannot start or end with "/" or contain "//"';
  if (name.includes("..")) return 'Branch names cannot contain ".."';
  if (name.includes("@{") || name === "@") return 'Branch names cannot contain "@{" or be "@"';
  if (name.endsWith(".")) return 'Branch names cannot end with "."';
  if (name.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock"))) {
    return 'No part of a branch name can start with "." or end with ".lock"';
  }
  if (name === "HEAD") return '"HEAD" is not a branch name';
  return null;
}
