// What counts as positive evidence for each checklist item (CHECKLIST.md "Evidence per item"),
// per language family, as patterns over the tokens of ./tokens.ts. `part` names a piece of evidence
// an item needs together with others (auth: mechanism + rbac; logging: logger + correlation id;
// tests: unit + integration); `full` matches the whole construct's text instead of the token text.
import type { ChecklistItemId, LanguageFamily } from "../../engine/types";
import type { TokenKind } from "./tokens";

export interface Matcher {
  test(text: string): boolean;
}

export interface EvidencePattern {
  item: ChecklistItemId;
  part?: string;
  kind: TokenKind;
  re: Matcher;
  label: string;
  full?: boolean;
  /** Only in test files. */
  tests?: boolean;
  /**
   * A necessary condition on the file's text, tested once per file: a `full` pattern otherwise costs
   * a look at every call's name and arguments through the tree (their text is the file's).
   */
  gate?: RegExp;
}

type Table = Partial<Record<LanguageFamily, EvidencePattern[]>>;

const p = (item: ChecklistItemId, kind: TokenKind, re: Matcher, label: string, extra: Partial<EvidencePattern> = {}): EvidencePattern => ({ item, kind, re, label, ...extra });

const VERSIONED_PATH = /^(?:[\w.-]*\/)*v\d+(?:\.\d+)?(?:\/|$)|^\/?[\w-]*\/v\d+(?:\/|$)/;
const versioned = (raw: string) => {
  const s = raw.replace(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/, ""); // Go 1.22 mux patterns
  return /^[\w/{}:.<>*-]*$/.test(s) && VERSIONED_PATH.test(s.replace(/^\//, ""));
};
/** A path-like string with a version segment: `/api/v1/orders`, `v2`, `api/v1`. */
export const VERSIONED: Matcher = { test: versioned };

/** Functions whose name says they check a role or permission: `requireStaffRole`, `require_admin`, `HasPermission`. */
const RBAC_DEF = /^(?:require|check|has|ensure|verify|assert|is|Require|Check|Has|Ensure|Verify|Assert|Is)(?:_|(?=[A-Z]))\w*?(?:[Rr]oles?|[Pp]ermissions?|[Ss]copes?|[Aa]dmin|[Ss]taff|[Aa]uthori[sz]ed?)(?:[A-Z_]\w*)?$/;

const ID_HEADER = /^x-(request|correlation|trace)-id$/i;
const SEC_HEADER = /^(strict-transport-security|content-security-policy|x-frame-options|x-content-type-options)$/i;

export const PATTERNS: Table = {
  ts: [
    p("auth", "def", RBAC_DEF, "role/permission check", { part: "rbac" }),
    p("openapi-contract", "import", /^(@nestjs\/swagger|@fastify\/swagger|swagger-jsdoc|swagger-ui-express|express-openapi-validator|@asteasolutions\/zod-to-openapi|tsoa|@hono\/zod-openapi)$/, "OpenAPI tooling"),
    p("input-validation", "import", /^(zod|joi|celebrate|express-validator|class-validator|yup|ajv|@sinclair\/typebox|valibot|superstruct|@hapi\/joi)$/, "validation library"),
    p("input-validation", "call", /^new ValidationPipe$/, "NestJS ValidationPipe"),
    p("input-validation", "key", /^schema: \{/, "Fastify route schema"),
    p("input-validation", "call", /^(?!JSON\.).*\.(safeParse|parseAsync|safeParseAsync|validateAsync)$/, "request input validated"),
    p("auth", "import", /^(passport(-[\w-]+)?|jsonwebtoken|jose|express-jwt|@nestjs\/passport|@nestjs\/jwt|@fastify\/jwt|@fastify\/auth|express-session|express-openid-connect|@auth\/[\w-]+)$/, "authentication library", { part: "mechanism" }),
    p("auth", "decorator", /^UseGuards\(/, "NestJS guard", { part: "mechanism" }),
    p("auth", "call", /^(jwt\.verify|passport\.authenticate|fastify\.authenticate|app\.authenticate)$/, "authentication check", { part: "mechanism" }),
    p("auth", "decorator", /^Roles\(/, "role check", { part: "rbac" }),
    p("auth", "call", /(^|\.)(require|has|check|ensure)(Role|Roles|Permission|Permissions|Scope|Scopes|AnyRole)$/i, "role/permission check", { part: "rbac" }),
    p("secrets-in-env", "import", /^(dotenv(\/config)?|envalid|@nestjs\/config|@aws-sdk\/client-secrets-manager|@google-cloud\/secret-manager|@azure\/keyvault-secrets|node-vault)$/, "configuration from environment / secret manager"),
    p("error-handling", "call", /\.setErrorHandler$/, "central error handler"),
    p("error-handling", "decorator", /^Catch\(/, "NestJS exception filter"),
    p("error-handling", "type", /\bExceptionFilter\b/, "NestJS exception filter"),
    p("error-handling", "key", /^cause: /, "error chained with its cause"),
    p("connection-pooling", "call", /^new (\w+\.)?Pool$|(^|\.)createPool$/, "connection pool"),
    p("connection-pooling", "key", /^pool: \{/, "pool options"),
    p("connection-pooling", "string", /[?&]connection_limit=\d+/, "Prisma pool size"),
    p("query-optimization", "key", /^(include|relations): [{[]/, "eager loading"),
    p("query-optimization", "call", /\.(leftJoinAndSelect|innerJoinAndSelect|populate)$/, "eager loading"),
    p("rate-limiting", "import", /^(express-rate-limit|rate-limiter-flexible|@nestjs\/throttler|@fastify\/rate-limit|express-slow-down|koa-ratelimit|hono-rate-limiter)$/, "rate limiter"),
    p("rate-limiting", "call", /(^|\.)(rateLimit|RateLimiter\w*|ThrottlerModule\.forRoot)$/, "rate limiter"),
    p("logging-correlation", "import", /^(pino|pino-http|winston|bunyan|express-winston|log4js|nestjs-pino)$/, "structured logger", { part: "logger" }),
    p("logging-correlation", "key", /^logger: (true|\{)/, "structured logger (Fastify/pino)", { part: "logger" }),
    p("logging-correlation", "import", /^(cls-rtracer|express-request-id|nestjs-cls|@fastify\/request-context|correlation-id|express-correlation-id)$/, "request/correlation id", { part: "correlation" }),
    p("logging-correlation", "string", ID_HEADER, "request/correlation id header", { part: "correlation" }),
    p("logging-correlation", "key", /^(genReqId|requestIdHeader|requestIdLogLabel): /, "request id", { part: "correlation" }),
    p("tests", "call", /^(describe|it|test)$/, "unit tests", { part: "unit", tests: true }),
    p("tests", "import", /^(supertest|light-my-request|@nestjs\/testing|pactum|testcontainers|@testcontainers\/[\w-]+)$/, "HTTP-level integration tests", { part: "integration", tests: true }),
    p("tests", "call", /\.inject$/, "HTTP-level integration tests (inject)", { part: "integration", tests: true }),
    p("security-headers", "import", /^(helmet|@fastify\/helmet|koa-helmet|lusca)$/, "security-header middleware"),
    p("security-headers", "string", SEC_HEADER, "security header set"),
    p("cors", "key", /^origin: (?!["'`]\*["'`]|true\b)\S/, "CORS with explicit origins"),
    p("api-versioning", "string", VERSIONED, "versioned route"),
    p("api-versioning", "call", /\.enableVersioning$/, "NestJS versioning"),
    p("api-versioning", "decorator", /^Version\(/, "versioned controller"),
    p("transport-security", "call", /^(https\.createServer|http2\.createSecureServer|createSecureServer)$/, "HTTPS server"),
    p("transport-security", "string", /^strict-transport-security$/i, "HSTS header"),
    p("transport-security", "key", /^(hsts|https): /, "HTTPS/HSTS configured"),
  ],
  python: [
    p("auth", "def", RBAC_DEF, "role/permission check", { part: "rbac" }),
    p("openapi-contract", "import", /^(drf_spectacular|drf_yasg|flask_smorest|apispec|flasgger|spectree|flask_openapi3|apiflask)\b/, "OpenAPI tooling"),
    p("input-validation", "import", /^(pydantic|marshmallow|wtforms|flask_wtf|cerberus|voluptuous|rest_framework\.serializers|rest_framework\.import serializers|django\.import forms|django\.forms)\b/, "validation library"),
    p("input-validation", "type", /\b(BaseModel|Schema|\w*Serializer|forms\.\w*Form|ModelForm|FlaskForm)\b/, "validated input model"),
    p("input-validation", "call", /(\.is_valid|\.model_validate|(schema|Schema)\w*\(\)\.load|_schema\.load|\.validate_python)$/, "request input validated"),
    p("auth", "import", /^(fastapi\.security|flask_login|flask_jwt_extended|flask_httpauth|django\.contrib\.auth|rest_framework\.(permissions|authentication)|rest_framework_simplejwt|jwt|jose|authlib)\b/, "authentication library", { part: "mechanism" }),
    p("auth", "decorator", /^(login_required|jwt_required|auth_required|token_required|auth\.login_required)/, "authentication required", { part: "mechanism" }),
    p("auth", "call", /^(OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|HTTPBearer|HTTPBasic|APIKeyHeader|APIKeyCookie)$/, "FastAPI security dependency", { part: "mechanism" }),
    p("auth", "decorator", /^(permission_required|user_passes_test|roles_required|roles_accepted|requires?_roles?|admin_required)\b/, "role/permission check", { part: "rbac" }),
    p("auth", "key", /^(permission_classes)=/, "DRF permissions", { part: "rbac" }),
    p("auth", "type", /\bBasePermission\b/, "DRF permission class", { part: "rbac" }),
    p("auth", "call", /(^|\.)(has_perm|has_perms|has_permission|require_role|requires_role|require_roles|check_permission|require_scope|require_admin)$/, "role/permission check", { part: "rbac" }),
    p("secrets-in-env", "call", /^(os\.getenv|os\.environ\.get|environ\.get|env\.(str|int|bool|url|db)|config|getenv)$/, "configuration from environment"),
    p("secrets-in-env", "import", /^(dotenv|pydantic_settings|environ|decouple|hvac|google\.cloud\.secretmanager|azure\.keyvault)\b/, "configuration from environment / secret manager"),
    p("secrets-in-env", "type", /\bBaseSettings\b/, "settings from environment"),
    p("error-handling", "decorator", /\.(exception_handler|errorhandler)\(/, "central error handler"),
    p("error-handling", "call", /\.(add_exception_handler|register_error_handler)$/, "central error handler"),
    p("error-handling", "key", /^EXCEPTION_HANDLER=/, "DRF exception handler"),
    p("connection-pooling", "key", /^(pool_size|max_overflow|pool_pre_ping|pool_recycle|pool_timeout|min_size|max_size|minconn|maxconn|CONN_MAX_AGE)=/, "pool settings"),
    p("connection-pooling", "call", /(^|\.)(create_pool|SimpleConnectionPool|ThreadedConnectionPool|AsyncConnectionPool|ConnectionPool|QueuePool)$/, "connection pool"),
    p("query-optimization", "call", /(^|\.)(select_related|prefetch_related|selectinload|joinedload|subqueryload|contains_eager|Prefetch)$/, "eager loading"),
    p("rate-limiting", "import", /^(slowapi|flask_limiter|django_ratelimit|ratelimit|fastapi_limiter|limits)\b/, "rate limiter"),
    p("rate-limiting", "decorator", /(limiter\.limit|ratelimit|rate_limit)\(/, "rate limit on route"),
    p("logging-correlation", "import", /^(structlog|pythonjsonlogger|python_json_logger|loguru|json_log_formatter)\b/, "structured logger", { part: "logger" }),
    p("logging-correlation", "call", /(^|\.)JsonFormatter$/, "JSON log formatter", { part: "logger" }),
    p("logging-correlation", "import", /^(asgi_correlation_id|django_guid|flask_request_id|correlation_id|log_request_id)\b/, "request/correlation id", { part: "correlation" }),
    p("logging-correlation", "string", ID_HEADER, "request/correlation id header", { part: "correlation" }),
    p("tests", "import", /^(fastapi\.testclient|starlette\.testclient|rest_framework\.test|flask\.testing|testcontainers)\b/, "HTTP-level integration tests", { part: "integration", tests: true }),
    p("tests", "call", /(^|\.)(TestClient|test_client|AsyncClient|APIClient)$/, "HTTP-level integration tests", { part: "integration", tests: true }),
    p("security-headers", "import", /^(secure|flask_talisman|talisman|django_csp|csp)\b/, "security-header middleware"),
    p("security-headers", "call", /^Talisman$/, "Flask-Talisman"),
    p("security-headers", "key", /^(SECURE_HSTS_SECONDS|SECURE_CONTENT_TYPE_NOSNIFF|SECURE_BROWSER_XSS_FILTER|X_FRAME_OPTIONS|SECURE_REFERRER_POLICY)=/, "Django security settings"),
    p("security-headers", "string", /^django\.middleware\.security\.SecurityMiddleware$/, "Django SecurityMiddleware"),
    p("security-headers", "string", SEC_HEADER, "security header set"),
    p("cors", "key", /^(allow_origins|origins)=(?!.*["']\*["'])\S/, "CORS with explicit origins"),
    p("cors", "key", /^CORS_(ALLOWED_ORIGINS|ORIGIN_WHITELIST|ALLOWED_ORIGIN_REGEXES)=/, "CORS with explicit origins"),
    p("api-versioning", "string", VERSIONED, "versioned route"),
    p("api-versioning", "key", /^DEFAULT_VERSIONING_CLASS=/, "DRF versioning"),
    p("transport-security", "key", /^(SECURE_SSL_REDIRECT|SECURE_HSTS_SECONDS|SESSION_COOKIE_SECURE|ssl_keyfile|ssl_certfile|ssl_context)=/, "HTTPS/HSTS configured"),
    p("transport-security", "import", /HTTPSRedirectMiddleware/, "HTTPS redirect"),
    p("async-io", "import", /^(asyncio|aiohttp|asyncpg|motor|databases|sqlalchemy\.ext\.asyncio|aiofiles|httpx)\b/, "async I/O library"),
  ],
  go: [
    p("auth", "def", RBAC_DEF, "role/permission check", { part: "rbac" }),
    p("openapi-contract", "import", /swaggo\/|go-swagger|kin-openapi|oapi-codegen|danielgtaylor\/huma/, "OpenAPI tooling"),
    p("input-validation", "import", /go-playground\/validator|ozzo-validation/, "validation library"),
    p("input-validation", "decorator", /(binding|validate):"[^"]+"/, "validation tags"),
    p("auth", "import", /golang-jwt\/jwt|echo-jwt|appleboy\/gin-jwt|go-chi\/jwtauth|coreos\/go-oidc|gin-contrib\/sessions|gorilla\/sessions|lestrrat-go\/jwx/, "authentication library", { part: "mechanism" }),
    p("auth", "import", /casbin/, "policy-based authorization", { part: "rbac" }),
    p("auth", "call", /(^|\.)(Require|Has|Check|Ensure)(Role|Roles|Permission|Permissions|Scope|Admin)$/i, "role/permission check", { part: "rbac" }),
    p("secrets-in-env", "call", /^os\.(Getenv|LookupEnv)$/, "configuration from environment"),
    p("secrets-in-env", "import", /kelseyhightower\/envconfig|caarlos0\/env|spf13\/viper|joho\/godotenv|secretsmanager|hashicorp\/vault/, "configuration from environment / secret manager"),
    p("error-handling", "string", /%w/, "error wrapped with %w"),
    p("error-handling", "key", /HTTPErrorHandler$/, "central error handler"),
    p("error-handling", "call", /(^|\.)(CustomRecovery|ErrorHandler)$/, "central error handler"),
    p("connection-pooling", "call", /\.(SetMaxOpenConns|SetMaxIdleConns|SetConnMaxLifetime|SetConnMaxIdleTime)$|^pgxpool\.(New|NewWithConfig|Connect|ConnectConfig)$/, "connection pool"),
    p("query-optimization", "call", /\.(Preload|Joins)$/, "eager loading"),
    p("rate-limiting", "import", /golang\.org\/x\/time\/rate|ulule\/limiter|didip\/tollbooth|go-chi\/httprate|gin-contrib\/\w*limit|throttled|sethvargo\/go-limiter/, "rate limiter"),
    p("rate-limiting", "call", /(^|\.)(RateLimiter\w*|NewLimiter|NewRateLimiter)$/, "rate limiter"),
    p("logging-correlation", "import", /go\.uber\.org\/zap|rs\/zerolog|^log\/slog$|sirupsen\/logrus/, "structured logger", { part: "logger" }),
    p("logging-correlation", "call", /(^|\.)(RequestID|requestid\.New)$/, "request id middleware", { part: "correlation" }),
    p("logging-correlation", "call", /^Use\(.*\b(RequestID|requestid\.New)\b/, "request id middleware", { part: "correlation", full: true, gate: /RequestID|requestid\.New/ }),
    p("logging-correlation", "string", ID_HEADER, "request/correlation id header", { part: "correlation" }),
    p("tests", "import", /^net\/http\/httptest$|testcontainers/, "HTTP-level integration tests", { part: "integration", tests: true }),
    p("security-headers", "import", /unrolled\/secure|gin-contrib\/secure/, "security-header middleware"),
    p("security-headers", "call", /^middleware\.Secure(WithConfig)?$|^secure\.New$/, "security-header middleware"),
    p("security-headers", "string", SEC_HEADER, "security header set"),
    p("cors", "key", /^(AllowOrigins|AllowedOrigins): (?!.*"\*")\S/, "CORS with explicit origins"),
    p("api-versioning", "string", VERSIONED, "versioned route"),
    p("transport-security", "call", /(ListenAndServeTLS|RunTLS|StartTLS|StartAutoTLS)$|^autocert\./, "TLS server"),
    p("transport-security", "key", /^TLSConfig: /, "TLS configuration"),
    p("transport-security", "string", /^strict-transport-security$/i, "HSTS header"),
  ],
  rust: [
    p("auth", "def", RBAC_DEF, "role/permission check", { part: "rbac" }),
    p("openapi-contract", "import", /^(utoipa|paperclip|aide|poem_openapi|okapi|rocket_okapi|apistos)\b/, "OpenAPI tooling"),
    p("openapi-contract", "decorator", /^utoipa::path|derive\(.*\bToSchema\b/, "OpenAPI annotations"),
    p("input-validation", "import", /^(validator|garde)\b/, "validation library"),
    p("input-validation", "decorator", /derive\(.*\b(Validate|Deserialize)\b/, "typed request input"),
    p("auth", "import", /^(jsonwebtoken|actix_web_httpauth|axum_login|tower_http::(auth|validate_request)|axum_extra::.*(authorization|TypedHeader)|biscuit_auth|oauth2)\b/, "authentication library", { part: "mechanism" }),
    p("auth", "call", /(^|::|\.)(require_role|has_role|has_permission|check_permission|require_admin|require_scope)$/i, "role/permission check", { part: "rbac" }),
    p("secrets-in-env", "call", /(^|::)(env::var|var_os)$|^(dotenvy|dotenv|envy)::/, "configuration from environment"),
    p("secrets-in-env", "import", /^(dotenvy|dotenv|envy|config|aws_sdk_secretsmanager|vaultrs)\b/, "configuration from environment / secret manager"),
    p("error-handling", "import", /^(thiserror|anyhow)\b/, "typed/contextual errors"),
    p("error-handling", "call", /\.(context|with_context)$/, "error with context"),
    p("connection-pooling", "call", /(PgPoolOptions|MySqlPoolOptions|SqlitePoolOptions|AnyPoolOptions)::new$|(^|::)(r2d2::Pool|Pool)::builder$|\.max_connections$/, "connection pool"),
    p("connection-pooling", "import", /^(r2d2|deadpool\w*|bb8|diesel::r2d2)\b/, "connection pool"),
    p("connection-pooling", "call", /^(PgPool|MySqlPool|SqlitePool|AnyPool)::connect(_with|_lazy)?$/, "connection pool"),
    p("query-optimization", "call", /\.(inner_join|left_join|belonging_to|grouped_by)$/, "eager loading / joins"),
    p("rate-limiting", "import", /^(tower_governor|actix_governor|governor)\b/, "rate limiter"),
    p("rate-limiting", "call", /(GovernorLayer|Governor::new|GovernorConfigBuilder::default|RateLimitLayer::new)$/, "rate limiter"),
    p("logging-correlation", "import", /^(tracing|slog|tracing_subscriber)\b/, "structured logger", { part: "logger" }),
    p("logging-correlation", "import", /request_id|tower_request_id|actix_request_identifier/, "request id", { part: "correlation" }),
    p("logging-correlation", "call", /(SetRequestIdLayer|PropagateRequestIdLayer)::\w+$/, "request id layer", { part: "correlation" }),
    p("logging-correlation", "string", ID_HEADER, "request/correlation id header", { part: "correlation" }),
    p("tests", "decorator", /^(test|tokio::test(\(.*\))?|rstest|async_std::test)$/, "unit tests", { part: "unit" }),
    p("tests", "decorator", /^(actix_web::test|actix_rt::test)$/, "HTTP-level integration tests", { part: "integration" }),
    p("tests", "import", /^(axum_test|actix_web::test|tower::ServiceExt|rocket::local)\b/, "HTTP-level integration tests", { part: "integration" }),
    p("security-headers", "call", /(SetResponseHeaderLayer::\w+|DefaultHeaders::new)$/, "security-header layer"),
    p("security-headers", "call", /^rocket::(build|custom)$/, "Rocket Shield (on by default)"),
    p("security-headers", "string", SEC_HEADER, "security header set"),
    p("cors", "call", /^(allow_origin\((?!Any\b|any\(|AllowOrigin::any)|allowed_origin\()/, "CORS with explicit origins", { full: true, gate: /allow_origin|allowed_origin/ }),
    p("api-versioning", "string", VERSIONED, "versioned route"),
    p("transport-security", "call", /(bind_rustls|bind_openssl|RustlsConfig::\w+|tls_rustls)/, "TLS server"),
    p("async-io", "decorator", /^(tokio::main|actix_web::main|actix_rt::main|rocket::main|async_std::main|rocket::launch|launch)\b/, "async runtime"),
  ],
  java: [
    p("auth", "def", RBAC_DEF, "role/permission check", { part: "rbac" }),
    p("openapi-contract", "import", /^(org\.springdoc|springfox|io\.swagger|io\.micronaut\.openapi|org\.eclipse\.microprofile\.openapi)\b/, "OpenAPI tooling"),
    p("openapi-contract", "decorator", /^OpenAPIDefinition\b/, "OpenAPI definition"),
    p("input-validation", "import", /^(jakarta|javax)\.validation\b/, "Bean Validation"),
    p("input-validation", "decorator", /^(Valid|Validated|NotNull|NotBlank|NotEmpty|Size|Min|Max|Email|Pattern|Positive|PositiveOrZero|DecimalMin|DecimalMax)\b/, "Bean Validation"),
    p("auth", "import", /^(org\.springframework\.security|io\.micronaut\.security|io\.quarkus\.security|io\.smallrye\.jwt|org\.eclipse\.microprofile\.jwt|io\.jsonwebtoken|com\.auth0\.jwt)\b/, "authentication framework", { part: "mechanism" }),
    p("auth", "decorator", /^(EnableWebSecurity|EnableMethodSecurity|Authenticated)\b/, "authentication framework", { part: "mechanism" }),
    p("auth", "decorator", /^(PreAuthorize|PostAuthorize|RolesAllowed|Secured)\b(?!\(SecurityRule\.IS_(ANONYMOUS|AUTHENTICATED))/, "role/permission check", { part: "rbac" }),
    p("auth", "decorator", /^Secured\(SecurityRule\.IS_AUTHENTICATED/, "authentication required", { part: "mechanism" }),
    p("auth", "call", /\.(hasRole|hasAnyRole|hasAuthority|hasAnyAuthority|isUserInRole)$/, "role/permission check", { part: "rbac" }),
    p("secrets-in-env", "call", /^System\.getenv$/, "configuration from environment"),
    p("secrets-in-env", "decorator", /^(Value\("\$\{|ConfigProperty\b|ConfigurationProperties\b|Property\(name)/, "externalised configuration"),
    p("error-handling", "decorator", /^(ControllerAdvice|RestControllerAdvice|ExceptionHandler|ServerExceptionMapper)\b/, "central error handler"),
    p("error-handling", "type", /\bExceptionMapper\b|\bExceptionHandler</, "exception mapper"),
    p("connection-pooling", "import", /^com\.zaxxer\.hikari\b/, "HikariCP"),
    p("connection-pooling", "call", /^new (HikariConfig|HikariDataSource)$|\.setMaximumPoolSize$/, "connection pool"),
    p("query-optimization", "string", /\bjoin\s+fetch\b/i, "JOIN FETCH"),
    p("query-optimization", "decorator", /^(EntityGraph|NamedEntityGraph|BatchSize|Fetch)\b/, "eager loading"),
    p("rate-limiting", "import", /^(io\.github\.bucket4j|com\.giffing\.bucket4j|io\.github\.resilience4j\.ratelimiter|com\.google\.common\.util\.concurrent\.RateLimiter)\b/, "rate limiter"),
    p("rate-limiting", "decorator", /^RateLimiter\b/, "rate limiter"),
    p("logging-correlation", "import", /^(org\.slf4j|ch\.qos\.logback|org\.apache\.logging\.log4j|net\.logstash)\b/, "structured logger", { part: "logger" }),
    p("logging-correlation", "call", /^MDC\.put$/, "correlation id in MDC", { part: "correlation" }),
    p("logging-correlation", "string", ID_HEADER, "request/correlation id header", { part: "correlation" }),
    p("tests", "decorator", /^(Test|ParameterizedTest)$/, "unit tests", { part: "unit", tests: true }),
    p("tests", "decorator", /^(SpringBootTest|WebMvcTest|WebFluxTest|MicronautTest|QuarkusTest|Testcontainers|AutoConfigureMockMvc)\b/, "HTTP-level integration tests", { part: "integration", tests: true }),
    p("security-headers", "call", /\.(headers|contentSecurityPolicy|frameOptions|httpStrictTransportSecurity)$/, "security headers configured"),
    p("security-headers", "string", SEC_HEADER, "security header set"),
    p("cors", "call", /^(allowedOrigins\((?!"\*")|setAllowedOrigins\((?!.*"\*"))/, "CORS with explicit origins", { full: true, gate: /allowedOrigins|AllowedOrigins/ }),
    p("cors", "decorator", /^CrossOrigin\(.*(origins|value)\s*=\s*\{?\s*"(?!\*)/, "CORS with explicit origins"),
    p("api-versioning", "string", VERSIONED, "versioned route"),
    p("transport-security", "call", /\.(requiresSecure|requiresChannel|httpStrictTransportSecurity|hsts)$/, "HTTPS/HSTS configured"),
  ],
};

