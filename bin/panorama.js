#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so that `npx panorama` needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../loaders/cli-main.ts");
