/**
 * node-postgres deprecates a query sent on a client while another runs on it (two queries at once
 * on one transaction's connection), and pg 9 makes it an error; Node prints the warning once per
 * process and goes on. Turning it into an uncaught error fails the run that causes it, on
 * PostgreSQL (scripts/test-postgres.sh), instead of leaving a line in its output.
 */
process.on("warning", (warning) => {
  if (warning.name === "DeprecationWarning" && warning.message.includes("already executing a query")) {
    throw warning;
  }
});
