import { definePackageTests } from "@dx-compat/vitest-config";

export default definePackageTests();
