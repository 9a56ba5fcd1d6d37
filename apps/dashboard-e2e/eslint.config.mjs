import playwright from "eslint-plugin-playwright";
import baseConfig from "../../eslint.config.mjs";

export default [
    playwright.configs["flat/recommended"],
    ...baseConfig,
    {
        files: [
            "**/*.ts",
            "**/*.js"
        ],
        // Web-first assertions only: a fixed sleep is either too short (flaky) or too long (slow).
        rules: {
            "playwright/no-wait-for-timeout": "error",
            "playwright/no-force-option": "error",
            "playwright/no-skipped-test": "error",
            "playwright/no-focused-test": "error"
        }
    }
];
