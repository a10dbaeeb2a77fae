#!/bin/sh
# puppeteer starts this in place of Chromium (tests/e2e/harness/chromium.ts, LaunchOptions.netns). nsenter
# and Debian's chromium script each exec the next program in their own place, so the browser keeps this
# process, with the pipe puppeteer drives it through, and lives in the network namespace of process
# $RINGSIDE_NETNS_PID (tests/e2e/harness/netns.ts).
exec nsenter --net="/proc/$RINGSIDE_NETNS_PID/ns/net" -- "$RINGSIDE_CHROMIUM" "$@"
