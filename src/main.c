/* main: the `dangjian` command and its subcommands (API.md "Command line"),
 * and the composition root: it alone may include every layer.  It opens the
 * database through core/bootstrap (one way for every command), hands the
 * server its connection pool inside struct dj_app, and closes both.
 * Subcommands call core, never api; exit() is used nowhere else. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/bootstrap.h"
#include "core/notify_daily.h"
#include "io/net_send.h"
#include "core/bureau_transfer.h"
#include "core/bureaus.h"
#include "core/users.h"
#include "core/warnings.h"
#include "core/warnings_engine.h"
#include "core/evaluations.h"
#include "core/roster_import.h"
#include "core/secret.h"
#include "http/server.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/pool.h"
#include "util/config.h"
#include "util/clock.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/text.h"

#ifndef DJ_VERSION
#define DJ_VERSION "0.0.0-dev"
#endif

enum { OPT_CONFIG = 1000, OPT_DB, OPT_LISTEN, OPT_THREADS, OPT_KEY, OPT_WEB, OPT_LOGLEVEL, OPT_SET,
       OPT_CHECK_CONFIG, OPT_BUREAU, OPT_HELP, OPT_DRY_RUN, OPT_CREATE_MISSING, OPT_NO_RECORDS,
       OPT_RECHAIN, OPT_CODE };

static const struct option common_options[] = {
    {"config", required_argument, NULL, OPT_CONFIG},
    {"db", required_argument, NULL, OPT_DB},
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"key-file", required_argument, NULL, OPT_KEY},
    {"web-root", required_argument, NULL, OPT_WEB},
    {"log-level", required_argument, NULL, OPT_LOGLEVEL},
    {"set", required_argument, NULL, OPT_SET},
    {"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
    {"bureau", required_argument, NULL, OPT_BUREAU},
    {"code", required_argument, NULL, OPT_CODE},
    {"no-records", no_argument, NULL, OPT_NO_RECORDS},
    {"rechain", no_argument, NULL, OPT_RECHAIN},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"create-missing", no_argument, NULL, OPT_CREATE_MISSING},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

struct cli {
    struct dj_config cfg;
    int check_config;
    int help;
    int dry_run;
    int create_missing;
    int no_records;
    int rechain;
    const char *bureau;
    const char *code;
    int nargs;
    char **args;
};

static const char usage_main[] =
    "dangjian — 机关党建与财政业务融合管理系统 / party building for finance bureaus\n"
    "\n"
    "用法 / usage: dangjian COMMAND [OPTIONS]\n"
    "\n"
    "  init     新建数据库、密钥文件和 admin 账号 / create a database, key file and admin\n"
    "  demo     新建含示范县财政局的演示数据库 / create a database holding the demo bureau\n"
    "  serve    提供网页和接口服务 / serve the API and the web console\n"
    "  check    校验数据库和审计链 / verify the database and the audit chain\n"
    "  backup   在运行中写出一致的备份 / write a consistent copy while serving\n"
    "  import   导入人员名册 / import a roster: dangjian import people FILE\n"
    "  bureau   一个部署里的多个单位 / the bureaus of a deployment: list, create, rename, suspend, export, import\n"
    "  province-admin  创建上级（省、市）管理员 / make a province-level administrator\n"
    "\n"
    "  --version           版本 / print the version\n"
    "  dangjian COMMAND --help   各命令的说明 / help on one command\n";

static const char usage_options[] =
    "\n通用选项 / options (flags override DANGJIAN_* environment variables, which override the file):\n"
    "  --config FILE       INI 配置文件 / configuration file (also DANGJIAN_CONFIG)\n"
    "  --db PATH|URL       SQLite 文件或 postgresql:// 地址 / database (DANGJIAN_DB)\n"
    "  --key-file PATH     密钥文件，默认为数据库旁的 .key / key file (default DB.key)\n"
    "  --log-level LEVEL   debug, info, warn, error\n"
    "  --set SECTION.KEY=VALUE   任意设置 / any setting of docs/CONFIG.md\n"
    "  --check-config      检查并打印生效的配置后退出 / validate and print the effective config\n";

static const struct {
    const char *name;
    const char *usage;
} command_help[] = {
    {"init", "用法 / usage: dangjian init --db PATH [--bureau NAME] [--code CODE]\n"
             "新建数据库和密钥文件，创建组织树的根（单位）和账号 admin（系统管理员 + 机关党委）。\n"
             "admin 的密码取自环境变量 DANGJIAN_ADMIN_PASSWORD；未设置时随机生成并只显示这一次。\n"
             "Creates the database, its key file, the root organisation and the account admin.\n"
             "admin's password comes from DANGJIAN_ADMIN_PASSWORD, or is generated and printed once.\n"
             "CODE（默认 main）是单位代码；以后增加的单位的账号以其代码加点开头。\n"
             "CODE (default main) is the bureau's code; bureaus added later name accounts code.name.\n"},
    {"demo", "用法 / usage: dangjian demo --db PATH [--no-records] [--bureau NAME --code CODE]\n"
             "新建一个含示范县财政局的演示数据库，每个角色一个账号，并打印登录信息；含过去一年的\n"
             "组织生活、讲堂、测试和学习记录，以及上一季度正在公示的考评（--no-records 则不含）。\n"
             "Creates a new database holding the demo bureau with one account per role and prints\n"
             "the logins; admin takes DANGJIAN_ADMIN_PASSWORD when it is set.  It holds a year of\n"
             "records and last quarter's evaluations in their notice, unless --no-records.\n"
             "带 --bureau 时向已有数据库增加一个演示单位，账号为 CODE.admin、CODE.zhibu1 等。\n"
             "With --bureau, adds a demo bureau to an existing database (accounts CODE.admin, ...).\n"},
    {"bureau", "用法 / usage: dangjian bureau list|create NAME --code CODE|rename CODE NAME|suspend CODE|resume CODE --db PATH\n"
               "管理一个部署里的单位：create 新建单位（含默认方案、讲堂主题）及其管理员 CODE.admin，\n"
               "密码取自 DANGJIAN_ADMIN_PASSWORD 或随机生成并只显示一次；suspend 暂停单位（其账号不能登录）。\n"
               "Manages the bureaus of a deployment; create makes the bureau with its defaults and its\n"
               "administrator CODE.admin (DANGJIAN_ADMIN_PASSWORD or a generated password shown once).\n"
               "       dangjian bureau export CODE FILE --db SRC | bureau import FILE --db DEST\n"
               "export 把一个单位的全部数据写入新文件（0600，含明文身份证号，须保密）；import 在一个事务里导入另一部署。\n"
               "export writes one bureau's whole data to a new file (secret: mode 0600); import adds it to\n"
               "this deployment in one transaction (docs/DEPLOYMENT.md, \"Moving a bureau\").\n"},
    {"province-admin", "用法 / usage: dangjian province-admin USERNAME --db PATH\n"
                       "创建上级（省、市）管理员：可新建、改名、暂停单位并查看各单位汇总，不能查看人员详情。\n"
                       "密码取自 DANGJIAN_ADMIN_PASSWORD 或随机生成并只显示一次，首次登录须修改。\n"
                       "Makes a province-level administrator: creates, renames and suspends bureaus and reads\n"
                       "their roll-up, never people's details.\n"},
    {"serve", "用法 / usage: dangjian serve --db PATH --listen HOST:PORT [--threads N] [--web-root DIR]\n"
              "提供接口和网页，直到收到 SIGTERM 或 SIGINT；随后完成正在处理的请求并关闭数据库。\n"
              "Serves the API and the UI until SIGTERM or SIGINT, then finishes the requests in\n"
              "flight and closes the database cleanly.\n"},
    {"check", "用法 / usage: dangjian check --db PATH [--rechain]\n"
              "校验数据库完整性、迁移版本、审计链和密钥文件：完好时退出码 0，否则 1 并指出第一条损坏的记录。\n"
              "审计链和定稿考评的哈希以密钥文件派生的密钥计算（HMAC-SHA-256）；--rechain 把升级前\n"
              "创建的、以不带密钥的哈希完好的链和定稿结果改为带密钥的哈希（一次，记入审计）。\n"
              "Verifies the database, its migrations, the audit chain and the key file: exit 0 when\n"
              "sound, 1 with the first broken record named.  The chain and final results are keyed\n"
              "with a key derived from the key file; --rechain re-keys a sound chain written before.\n"},
    {"import", "用法 / usage: dangjian import people FILE [--dry-run] [--create-missing] [--bureau CODE] --db PATH\n"
               "导入人员名册（.xlsx、.xls、UTF-8 或 GBK 的 CSV）：先逐行检查，有任何错误则不写入并按行列列出；\n"
               "按工号新增或更新人员。--dry-run 只检查；--create-missing 自动创建缺少的科室、党支部和党小组。\n"
               "Imports a roster (.xlsx, .xls, CSV in UTF-8 or GBK): every row is checked first; a file\n"
               "with any error writes nothing and its errors are listed by row and column.\n"},
    {"backup", "用法 / usage: dangjian backup --db PATH OUT\n"
               "在服务运行时写出一致的数据库副本（不覆盖已有文件）。密钥文件需另行备份。\n"
               "Writes a consistent copy of the database to OUT while the server runs. Back up\n"
               "the key file separately: the copy does not hold it.\n"},
};

static void print_command_help(const char *cmd)
{
    for (size_t i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
        if (strcmp(command_help[i].name, cmd) == 0)
            fputs(command_help[i].usage, stdout);
    fputs(usage_options, stdout);
}

static int fail(const struct dj_err *err)
{
    fprintf(stderr, "dangjian: %s\n", err->message[0] ? err->message : dj_code_name(err->code));
    return 1;
}

/* Reads defaults, the file, the environment and the flags, in that order. */
static int parse_cli(int argc, char **argv, struct cli *cli, struct dj_err *err)
{
    memset(cli, 0, sizeof *cli);
    int rc = dj_config_defaults(&cli->cfg, err);
    if (rc)
        return rc;
    const char *config_file = getenv("DANGJIAN_CONFIG");
    /* first pass: only --config, so that the file sits under env and flags */
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", common_options, NULL)) != -1)
        if (c == OPT_CONFIG)
            config_file = optarg;
    if (config_file && *config_file && (rc = dj_config_load_file(&cli->cfg, config_file, err)))
        return rc;
    if ((rc = dj_config_load_env(&cli->cfg, err)))
        return rc;
    opterr = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", common_options, NULL)) != -1) {
        const char *name = NULL;
        switch (c) {
        case OPT_CONFIG:
            continue;
        case OPT_DB: name = "database.url"; break;
        case OPT_LISTEN: name = "server.listen"; break;
        case OPT_THREADS: name = "server.threads"; break;
        case OPT_KEY: name = "security.key_file"; break;
        case OPT_WEB: name = "server.web_root"; break;
        case OPT_LOGLEVEL: name = "log.level"; break;
        case OPT_CHECK_CONFIG: cli->check_config = 1; continue;
        case OPT_BUREAU: cli->bureau = optarg; continue;
        case OPT_CODE: cli->code = optarg; continue;
        case OPT_NO_RECORDS: cli->no_records = 1; continue;
        case OPT_RECHAIN: cli->rechain = 1; continue;
        case OPT_HELP: cli->help = 1; continue;
        case OPT_DRY_RUN: cli->dry_run = 1; continue;
        case OPT_CREATE_MISSING: cli->create_missing = 1; continue;
        case OPT_SET: {
            char *eq = strchr(optarg, '=');
            if (!eq)
                return dj_err_set(err, DJ_EINVAL, "--set 需要 SECTION.KEY=VALUE 形式：%s", optarg);
            *eq = '\0';
            rc = dj_config_set(&cli->cfg, optarg, eq + 1, err);
            *eq = '=';
            if (rc)
                return rc;
            continue;
        }
        default:
            return dj_err_set(err, DJ_EINVAL, "未知的选项，参见 --help");
        }
        if ((rc = dj_config_set(&cli->cfg, name, optarg, err)))
            return rc;
    }
    cli->nargs = argc - optind;
    cli->args = argv + optind;
    if ((rc = dj_config_validate(&cli->cfg, err)))
        return rc;
    enum dj_log_level lv = DJ_LOG_INFO;
    dj_log_parse_level(cli->cfg.log_level, &lv);
    dj_log_set_level(lv);
    return 0;
}

static int load_key(const struct dj_config *cfg, struct dj_secret *key, struct dj_err *err)
{
    char *path = dj_config_key_path(cfg);
    if (!path)
        return dj_err_set(err, DJ_ENOMEM, "内存不足");
    int rc = secret_load(path, key, err);
    free(path);
    return rc;
}

static int cmd_init(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    const char *pw = getenv("DANGJIAN_ADMIN_PASSWORD");
    char generated[32] = "";
    /* check the password before anything is created */
    if (pw && *pw && password_check_rules(&cli->cfg, "admin", pw, "DANGJIAN_ADMIN_PASSWORD", &err)) {
        fprintf(stderr, "dangjian: DANGJIAN_ADMIN_PASSWORD：%s\n",
                err.nfields ? err.fields[0].message : err.message);
        return 1;
    }
    if (bootstrap_init(&cli->cfg, cli->bureau ? cli->bureau : "财政局", cli->code ? cli->code : "main",
                       pw && *pw ? pw : NULL, generated, &err))
        return fail(&err);
    char *key = dj_config_key_path(&cli->cfg);
    char shown[512];
    dj_url_redact(cli->cfg.db, shown, sizeof shown);
    printf("已创建数据库 / created %s\n已创建密钥文件 / key file %s（请妥善备份 / back it up）\n",
           shown, key ? key : "?");
    free(key);
    if (*generated)
        printf("admin 的初始密码（只显示这一次，首次登录后须修改）/ admin's initial password "
               "(shown once, to be changed at first login):\n  %s\n",
               generated);
    else
        printf("admin 的密码取自 DANGJIAN_ADMIN_PASSWORD / admin's password is DANGJIAN_ADMIN_PASSWORD\n");
    return 0;
}

static int cmd_demo(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    const char *pw = getenv("DANGJIAN_ADMIN_PASSWORD");
    if (pw && *pw && password_check_rules(&cli->cfg, "admin", pw, "DANGJIAN_ADMIN_PASSWORD", &err)) {
        fprintf(stderr, "dangjian: DANGJIAN_ADMIN_PASSWORD：%s\n",
                err.nfields ? err.fields[0].message : err.message);
        return 1;
    }
    if (cli->bureau) {
        /* a demo bureau added to an existing deployment */
        if (!cli->code) {
            fprintf(stderr, "dangjian: 请用 --code 给演示单位一个代码 / --code is required with --bureau\n");
            return 2;
        }
        struct dj_secret key;
        if (load_key(&cli->cfg, &key, &err))
            return fail(&err);
        int rc = bootstrap_demo_bureau(&cli->cfg, &key, cli->bureau, cli->code, pw && *pw ? pw : NULL,
                                       !cli->no_records, stdout, &err);
        secret_wipe(&key);
        if (rc)
            return fail(&err);
        printf("已增加演示单位 / added the demo bureau %s (%s)\n", cli->bureau, cli->code);
        return 0;
    }
    if (bootstrap_demo(&cli->cfg, pw && *pw ? pw : NULL, !cli->no_records, stdout, &err))
        return fail(&err);
    char shown[512];
    dj_url_redact(cli->cfg.db, shown, sizeof shown);
    printf("已创建演示数据库 / created the demo database %s\n", shown);
    return 0;
}

static int cmd_serve(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    if (dj_log_open(cli->cfg.log_file) != 0) {
        fprintf(stderr, "dangjian: 无法打开日志文件 %s\n", cli->cfg.log_file);
        return 1;
    }
    struct dj_db *db;
    if (app_open_db(&cli->cfg, APP_DB_EXISTING, &db, &err))
        return fail(&err);
    struct dj_secret key;
    if (load_key(&cli->cfg, &key, &err) || secret_verify_probe(db, &key, &err)) {
        db_close(db);
        return fail(&err);
    }
    /* the workers' connections: one per thread, opened on first use */
    struct dj_db_pool *pool;
    if (app_open_pool(&cli->cfg, &pool, &err)) {
        db_close(db);
        secret_wipe(&key);
        return fail(&err);
    }
    if (net_init(&err)) {
        db_pool_close(pool);
        db_close(db);
        secret_wipe(&key);
        return fail(&err);
    }
    struct dj_app app = {.cfg = &cli->cfg, .version = DJ_VERSION, .secret = &key, .pool = pool};
    /* block the signals in every thread; this one waits for them */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct dj_server *server;
    int port;
    if (server_start(&app, &server, &port, &err)) {
        db_pool_close(pool);
        db_close(db);
        secret_wipe(&key);
        return fail(&err);
    }
    char host[256];
    snprintf(host, sizeof host, "%s", cli->cfg.listen);
    char *colon = strrchr(host, ':');
    if (colon)
        *colon = '\0';
    printf("dangjian %s 正在运行 / serving on http://%s:%d/\n", DJ_VERSION,
           *host && strcmp(host, "0.0.0.0") ? host : "127.0.0.1", port);
    fflush(stdout);
    char holder[128], hostname[64] = "host";
    gethostname(hostname, sizeof hostname - 1);
    snprintf(holder, sizeof holder, "%s:%d:%d", hostname, (int)getpid(), port);
    const int64_t job_period = cli->cfg.warnings_job_seconds;
    const int64_t started_period = job_period ? dj_now_unix() / job_period : 0;
    bool notify_more = false;
    for (;;) {
        /* wake at the start of each housekeeping period, or on a signal; at
         * once (having looked at the signals) while messages are still due */
        int64_t period = cli->cfg.housekeeping_seconds;
        struct timespec tick = {.tv_sec = notify_more ? 0 : (time_t)(period - dj_now_unix() % period)};
        int sig = sigtimedwait(&set, NULL, &tick);
        if (sig == SIGINT || sig == SIGTERM) {
            log_info("signal %d: finishing requests in flight", sig);
            break;
        }
        if (sig < 0 && errno == EAGAIN) {
            struct dj_err herr;
            dj_err_clear(&herr);
            bool ran;
            if (auth_housekeeping(db, &cli->cfg, holder, &ran, &herr))
                log_warn("housekeeping: %s", herr.message);
            else if (ran)
                log_debug("housekeeping done by this server");
            /* the warnings engine: each bureau once per warnings.job_seconds across servers
             * (core/warnings_engine), from the first full period after start (a read refreshes a
             * stale bureau before that) */
            int refreshed = 0;
            dj_err_clear(&herr);
            if (job_period && dj_now_unix() / job_period > started_period &&
                warnings_job(db, &cli->cfg, holder, (int)job_period, &refreshed, &herr))
                log_warn("warnings: %s", herr.message);
            else if (refreshed)
                log_debug("warnings refreshed for %d bureaus by this server", refreshed);
            /* notifications: the daily job when due, then the outbox, two
             * seconds at a time so that a signal waits no longer */
            dj_err_clear(&herr);
            int budget_ms = period * 800 < 2000 ? (int)(period * 800) : 2000;
            if (notify_tick(db, &cli->cfg, &key, holder, budget_ms, &notify_more, &herr)) {
                notify_more = false;
                log_warn("notifications: %s", herr.message);
            }
        }
    }
    server_quiesce(server);
    int left = server_wait_idle(server, cli->cfg.shutdown_grace * 1000);
    if (left)
        log_warn("%d requests still in flight after %d s; closing", left, cli->cfg.shutdown_grace);
    server_stop(server);
    db_pool_close(pool); /* after the threads that used it */
    db_close(db);
    secret_wipe(&key);
    net_cleanup();
    log_info("stopped cleanly");
    dj_log_close();
    return 0;
}

static int cmd_check(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_db *db;
    if (app_open_db(&cli->cfg, APP_DB_AS_IS, &db, &err))
        return fail(&err);
    int bad = 0, version = 0;
    if (db_integrity_check(db, &err)) {
        printf("数据库完整性 / integrity: 失败 FAILED — %s\n", err.message);
        bad = 1;
    } else {
        printf("数据库完整性 / integrity: 正常 ok\n");
    }
    dj_err_clear(&err);
    if (migrations_current(db, &version, &err) == 0)
        printf("架构版本 / schema version: %d（本程序 / this binary: %d）\n", version,
               migrations_latest(db_engine(db)));
    /* the key first: the chain and the final results are keyed with it */
    dj_err_clear(&err);
    struct dj_secret key;
    bool key_ok = true;
    if (load_key(&cli->cfg, &key, &err) || secret_verify_probe(db, &key, &err)) {
        printf("密钥文件 / key file: 失败 FAILED — %s；加密字段无法读取，审计链无法校验 / confidential "
               "fields cannot be read, the audit chain cannot be verified\n",
               err.message);
        bad = 1;
        key_ok = false;
    } else {
        printf("密钥文件 / key file: 正常 ok\n");
    }
    int64_t count = 0;
    dj_err_clear(&err);
    if (key_ok && cli->rechain) {
        /* the chain, the final results and the record of it in one transaction */
        int rekeyed = 0;
        struct dj_actor system;
        actor_system(&system);
        json_t *after = NULL;
        if (db_begin_write(db, &err) || audit_rechain(db, &count, &err) ||
            evaluations_rehash(db, &rekeyed, &err) ||
            !(after = json_pack("{s:I, s:i}", "records", (json_int_t)count, "evaluations", rekeyed)) ||
            audit_record(db, &system, "rechain", "audit", 0, 0, NULL, after, &err) ||
            db_commit(db, &err)) {
            db_rollback(db);
            printf("重新计算审计链 / rechain: 失败 FAILED — %s（未作任何改动 / nothing changed）\n",
                   err.message);
            bad = 1;
        } else {
            printf("已改为带密钥的哈希 / re-keyed: %lld 条审计记录 / audit records, %d 个定稿考评 / final "
                   "evaluations\n", (long long)count, rekeyed);
        }
        json_decref(after);
        dj_err_clear(&err);
    }
    if (!key_ok) {
        printf("审计链 / audit chain: 未校验 / not verified（缺少密钥 / no key）\n");
    } else if (audit_verify(db, &count, &err)) {
        printf("审计链 / audit chain: 失败 FAILED — %s\n", err.message);
        bad = 1;
    } else {
        printf("审计链 / audit chain: 正常 ok（%lld 条记录 / records）\n", (long long)count);
    }
    dj_err_clear(&err);
    int finals = 0;
    int64_t bad_eval = 0;
    if (!key_ok) {
        printf("考评结果 / evaluations: 未校验 / not verified（缺少密钥 / no key）\n");
    } else if (evaluations_verify(db, &finals, &bad_eval, &err)) {
        printf("考评结果 / evaluations: 失败 FAILED — %s\n", err.message);
        bad = 1;
    } else if (bad_eval) {
        printf("考评结果 / evaluations: 失败 FAILED — 已定稿的考评 %lld 的得分与定稿时的哈希不符"
               "（定稿后被改动） / final evaluation %lld was changed after it was locked\n",
               (long long)bad_eval, (long long)bad_eval);
        bad = 1;
    } else {
        printf("考评结果 / evaluations: 正常 ok（%d 个已定稿 / final）\n", finals);
    }
    secret_wipe(&key);
    db_close(db);
    printf("%s\n", bad ? "检查未通过 / check FAILED" : "检查通过 / check passed");
    return bad;
}

static int cmd_import(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    if (cli->nargs != 2 || strcmp(cli->args[0], "people") != 0) {
        fprintf(stderr, "dangjian: 用法 dangjian import people FILE [--dry-run] [--create-missing]\n");
        return 2;
    }
    FILE *f = fopen(cli->args[1], "rb");
    if (!f) {
        fprintf(stderr, "dangjian: 无法打开 %s：%s\n", cli->args[1], strerror(errno));
        return 1;
    }
    struct dj_buf data = DJ_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (dj_buf_append(&data, chunk, n)) {
            fclose(f);
            dj_buf_free(&data);
            fprintf(stderr, "dangjian: 内存不足\n");
            return 1;
        }
    fclose(f);
    struct dj_db *db;
    if (app_open_db(&cli->cfg, APP_DB_EXISTING, &db, &err)) {
        dj_buf_free(&data);
        return fail(&err);
    }
    struct dj_secret key;
    if (load_key(&cli->cfg, &key, &err) || secret_verify_probe(db, &key, &err)) {
        db_close(db);
        dj_buf_free(&data);
        return fail(&err);
    }
    struct dj_actor system;
    actor_system(&system);
    struct dj_import_options opt = {.dry_run = cli->dry_run, .create_missing = cli->create_missing};
    struct dj_bureau bureau;
    json_t *result = NULL;
    int rc = bureaus_resolve(db, cli->bureau, &bureau, &err);
    opt.bureau_id = rc ? 0 : bureau.id;
    if (!rc)
        rc = roster_import(db, &cli->cfg, &system, &key, data.data, data.len, &opt, &result, &err);
    secret_wipe(&key);
    db_close(db);
    dj_buf_free(&data);
    if (rc)
        return fail(&err);
    json_t *errors = json_object_get(result, "errors");
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
        printf("第 %lld 行 [%s] %s\n", (long long)json_integer_value(json_object_get(e, "row")),
               json_string_value(json_object_get(e, "column")),
               json_string_value(json_object_get(e, "message")));
    long long nerr = (long long)json_integer_value(json_object_get(result, "error_count"));
    printf("%s：%lld 行，新增 %lld，更新 %lld，未变 %lld，错误 %lld%s\n",
           nerr ? "导入未执行（文件有错误，未写入任何数据）" : (cli->dry_run ? "检查完成（未写入）" : "导入完成"),
           (long long)json_integer_value(json_object_get(result, "rows")),
           (long long)json_integer_value(json_object_get(result, "created")),
           (long long)json_integer_value(json_object_get(result, "updated")),
           (long long)json_integer_value(json_object_get(result, "unchanged")), nerr,
           json_array_size(json_object_get(result, "unknown_columns")) ? "（有未识别的列，已忽略）" : "");
    json_decref(result);
    return nerr ? 1 : 0;
}

static int cmd_backup(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    if (cli->nargs != 1) {
        fprintf(stderr, "dangjian: 用法 dangjian backup --db PATH OUT\n");
        return 2;
    }
    const char *out = cli->args[0];
    struct stat sb;
    if (stat(out, &sb) == 0) {
        fprintf(stderr, "dangjian: %s 已存在，不会覆盖 / exists, not overwritten\n", out);
        return 1;
    }
    struct dj_db *db;
    if (app_open_db(&cli->cfg, APP_DB_AS_IS, &db, &err))
        return fail(&err);
    int rc = db_backup(db, out, &err);
    db_close(db);
    if (rc)
        return fail(&err);
    printf("已写出备份 / backup written: %s\n请同时备份密钥文件 / also back up the key file.\n", out);
    return 0;
}

/* Opens an existing database with its key for the command line's writes. */
static int open_for_admin(struct cli *cli, struct dj_db **db, struct dj_err *err)
{
    if (app_open_db(&cli->cfg, APP_DB_EXISTING, db, err))
        return 1;
    struct dj_secret key;
    int rc = load_key(&cli->cfg, &key, err) || secret_verify_probe(*db, &key, err);
    secret_wipe(&key);
    if (rc) {
        db_close(*db);
        *db = NULL;
    }
    return rc;
}

static void print_bureau(const struct dj_bureau *b)
{
    printf("  %-16s %-8s %s%s\n", b->code, strcmp(b->status, "active") ? "暂停" : "正常", b->name,
           b->plain_names ? "（账号可不带代码）" : "");
}

/* bureau export CODE FILE / bureau import FILE (core/bureau_transfer). */
static int cmd_bureau_transfer(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    struct dj_db *db;
    struct dj_secret key;
    if (open_for_admin(cli, &db, &err))
        return fail(&err);
    if (load_key(&cli->cfg, &key, &err)) {
        db_close(db);
        return fail(&err);
    }
    struct dj_actor system;
    actor_system(&system);
    struct dj_transfer_summary sum;
    char shown[512];
    dj_url_redact(cli->cfg.db, shown, sizeof shown);
    bool export = !strcmp(cli->args[0], "export");
    int rc = export ? bureau_export(db, &key, &system, cli->args[1], cli->args[2], shown, &sum, &err)
                    : bureau_import(db, &key, &system, cli->args[1], &sum, &err);
    secret_wipe(&key);
    db_close(db);
    if (rc)
        return fail(&err);
    printf("%s %s（%s）/ bureau %s %s\n", export ? "已导出单位" : "已导入单位", sum.name, sum.code, sum.code,
           export ? "exported" : "imported");
    for (int t = 0; t < XT_COUNT; t++)
        printf("  %-18s %" PRId64 "\n", store_xfer_table((enum dj_xtab)t)->name, sum.rows[t]);
    printf("  %-18s %" PRId64 "\n  %-18s %d\n  %-18s #%" PRId64 " %s\n", "audit", sum.audit, "final_evaluations",
           sum.finals, "source_audit_head", sum.head_seq, sum.head_hash);
    if (export)
        printf("该文件含明文身份证号和密码哈希，权限 0600，请加密传送、导入后删除 / the file holds the ID numbers in the "
               "clear and the password hashes: keep it secret, delete it after the import.\n");
    return 0;
}

static int cmd_bureau(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    const char *sub = cli->nargs ? cli->args[0] : "";
    bool ok_args = (!strcmp(sub, "list") && cli->nargs == 1) ||
                   (!strcmp(sub, "create") && cli->nargs == 2 && cli->code) ||
                   (!strcmp(sub, "rename") && cli->nargs == 3) ||
                   ((!strcmp(sub, "suspend") || !strcmp(sub, "resume")) && cli->nargs == 2) ||
                   (!strcmp(sub, "export") && cli->nargs == 3) || (!strcmp(sub, "import") && cli->nargs == 2);
    if (!ok_args) {
        print_command_help("bureau");
        return 2;
    }
    if (!strcmp(sub, "export") || !strcmp(sub, "import"))
        return cmd_bureau_transfer(cli);
    struct dj_db *db;
    if (open_for_admin(cli, &db, &err))
        return fail(&err);
    struct dj_actor system;
    actor_system(&system);
    struct dj_bureau b;
    int rc = 0;
    if (!strcmp(sub, "list")) {
        struct dj_bureau *items = NULL;
        int count = 0;
        if (!(rc = store_bureau_list(db, &items, &count, &err))) {
            printf("%d 个单位 / bureaus:\n", count);
            for (int i = 0; i < count; i++)
                print_bureau(&items[i]);
        }
        free(items);
    } else if (!strcmp(sub, "create")) {
        const char *pw = getenv("DANGJIAN_ADMIN_PASSWORD");
        char admin[DJ_NAME_MAX] = "", generated[DJ_GENERATED_PASSWORD_MAX] = "";
        if (!(rc = bureaus_create(db, &cli->cfg, &system, cli->args[1], cli->code, pw && *pw ? pw : NULL,
                                  &b, admin, generated, &err))) {
            printf("已新建单位 / created:\n");
            print_bureau(&b);
            if (*generated)
                printf("管理员 %s 的初始密码（只显示这一次，首次登录后须修改）/ initial password of %s:\n  %s\n",
                       admin, admin, generated);
            else
                printf("管理员 %s 的密码取自 DANGJIAN_ADMIN_PASSWORD（首次登录后须修改）\n", admin);
        }
        sodium_memzero(generated, sizeof generated);
    } else {
        const char *code = cli->args[1];
        if (!(rc = bureaus_resolve(db, code, &b, &err)))
            rc = !strcmp(sub, "rename")
                     ? bureaus_update(db, &system, b.id, cli->args[2], NULL, &b, &err)
                     : bureaus_update(db, &system, b.id, NULL,
                                      !strcmp(sub, "suspend") ? "suspended" : "active", &b, &err);
        if (!rc)
            print_bureau(&b);
    }
    db_close(db);
    return rc ? fail(&err) : 0;
}

static int cmd_province_admin(struct cli *cli)
{
    struct dj_err err;
    dj_err_clear(&err);
    if (cli->nargs != 1) {
        print_command_help("province-admin");
        return 2;
    }
    struct dj_db *db;
    if (open_for_admin(cli, &db, &err))
        return fail(&err);
    struct dj_actor system;
    actor_system(&system);
    const char *pw = getenv("DANGJIAN_ADMIN_PASSWORD");
    char generated[DJ_GENERATED_PASSWORD_MAX] = "";
    int rc = bureaus_province_admin(db, &cli->cfg, &system, cli->args[0], NULL, pw && *pw ? pw : NULL,
                                    generated, &err);
    db_close(db);
    if (rc)
        return fail(&err);
    printf("已创建上级管理员 / created the province-level administrator %s\n", cli->args[0]);
    if (*generated)
        printf("初始密码（只显示这一次，首次登录后须修改）/ initial password (shown once):\n  %s\n", generated);
    sodium_memzero(generated, sizeof generated);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage_main, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("dangjian %s\n", DJ_VERSION);
        return 0;
    }
    static const struct {
        const char *name;
        int (*run)(struct cli *);
    } commands[] = {
        {"init", cmd_init}, {"demo", cmd_demo}, {"serve", cmd_serve},
        {"check", cmd_check}, {"backup", cmd_backup}, {"import", cmd_import},
        {"bureau", cmd_bureau}, {"province-admin", cmd_province_admin},
    };
    /* databases, key files and backups hold secrets: not for other users */
    umask(027);
    const char *cmd = argv[1];
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(commands[i].name, cmd) != 0)
            continue;
        struct cli cli;
        struct dj_err err;
        dj_err_clear(&err);
        int rc = parse_cli(argc - 1, argv + 1, &cli, &err);
        if (rc) {
            dj_config_free(&cli.cfg);
            fail(&err);
            return 2;
        }
        if (cli.help) {
            print_command_help(cmd);
            dj_config_free(&cli.cfg);
            return 0;
        }
        if (cli.check_config) {
            dj_config_print(&cli.cfg, stdout);
            dj_config_free(&cli.cfg);
            return 0;
        }
        if (dj_crypto_init(&err)) {
            dj_config_free(&cli.cfg);
            return fail(&err);
        }
        rc = commands[i].run(&cli);
        dj_config_free(&cli.cfg);
        return rc;
    }
    fprintf(stderr, "dangjian: 未知的命令 %s / unknown command\n\n%s", cmd, usage_main);
    return 2;
}
