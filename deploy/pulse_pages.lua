-- nginx's file tier for anonymous pages (deploy/nginx.conf.template, README "Speed").
--
-- A page nginx fetched for an anonymous reader (GET, no query string, no session or Pulse
-- cookie) is written as a plain file per encoding, <root>/live/<br|gzip|identity><path>/index.html,
-- and the next request for it is sent as a static file is: no script, no cache key, no
-- lookup in the cache's shared memory, no cache file header to read.  nginx looks the
-- name up on every request (open_file_cache_valid 0), so a file deleted is never sent
-- again, whatever descriptor nginx still holds.  Everything else goes through the proxy
-- cache as before.
--
-- Fresh at once: a purge gives the path (or the site) a new generation, the one the proxy
-- cache's key starts with, then deletes the path's files (or every file).  A page being
-- written while a change commits was asked for under the old generation: the writer
-- renames its file into place only under the lock the purge deletes under, and only if
-- the generation is still the one it was asked for.  So either the purge comes after the
-- rename and deletes the file, or the writer comes after the purge and sees the new
-- generation.  A writer that finds the lock taken does not wait: the page is filed on a
-- later request.
--
-- A file is written only when it may be: a fresh, whole 200 (as long as its Content-Length)
-- from Pulse's page cache (X-Page-Cache) for this encoding, with a lifetime (X-Accel-Expires, LIFETIME_MARGIN + 3 s or more), and
-- the page's headers exactly those the configuration sends with a file
-- (core/pagefiles.py): a page with any other header stays with the proxy cache, which
-- keeps headers.
--
-- A file is deleted before its lifetime is over, by a timer that runs every second in one
-- worker (each second's files are listed in the shared dictionary): LIFETIME_MARGIN early,
-- since the timer runs at no set moment in its second.  Starting or reloading nginx
-- starts a new site generation, and deletes the files from before.

local ffi = require("ffi")

ffi.cdef([[int mkdir(const char *pathname, unsigned int mode);]])

local M = {}
local ENCODINGS = { "br", "gzip", "identity" }
local MAX_BYTES = 4 * 1024 * 1024
local LIFETIME_MARGIN = 1.25 -- the sweeper's second, and a quarter of one
-- Held while files are renamed into place or deleted; given up after this long by a
-- worker that died holding it.
local LOCK = "lock"
local LOCK_SECONDS = 1
local config = { root = nil, headers = {}, own = {} }
local written = 0

local function files()
    return ngx.shared.pulse_files
end

local function shell_quote(text)
    return "'" .. string.gsub(text, "'", "'\\''") .. "'"
end

local function mkdirs(directory)
    local path = ""
    for part in string.gmatch(directory, "[^/]+") do
        path = path .. "/" .. part
        ffi.C.mkdir(path, 493) -- 0755; an existing folder is fine
    end
end

local function live()
    return config.root .. "/live"
end

-- Where the file for ``path`` (an already normalised $uri) in ``encoding`` lives, or nil
-- for a path that cannot be one (the template's root and rewrite make the same name:
-- root .../live/<encoding>, then "$uri/index.html").
local function file_for(path, encoding)
    if string.find(path, "%.%.") or string.find(path, "%c") or string.sub(path, 1, 1) ~= "/" then
        return nil
    end
    return live() .. "/" .. encoding .. path .. "/index.html"
end

-- The lock writers and purges share (see the top of this file); a purge waits for it.
local function lock(wait)
    local dict = files()
    local waited = 0
    while not dict:add(LOCK, true, LOCK_SECONDS) do
        if not wait or waited > LOCK_SECONDS + 0.5 then
            return false
        end
        ngx.sleep(0.001)
        waited = waited + 0.001
    end
    return true
end

local function unlock()
    files():delete(LOCK)
end

-- Empty the file tier in the background: rename first (instant), delete after.
local function discard_all()
    local gone = config.root .. "/discarded-" .. ngx.worker.pid() .. "-" .. ngx.now()
    if os.rename(live(), gone) then
        os.execute("rm -rf " .. shell_quote(gone) .. " &")
    end
end

-- In the master process, from init_by_lua: the settings, and no files left from before.
function M.configure(options)
    config.root = options.root
    config.headers = options.headers
    config.own = options.own
    os.execute("mkdir -p " .. shell_quote(config.root))
    if options.user then
        os.execute("chown " .. shell_quote(options.user) .. " " .. shell_quote(config.root))
    end
    os.execute("rm -rf " .. shell_quote(config.root) .. "/discarded-* " .. shell_quote(live()))
end

-- The generation a request's page belongs to (the proxy cache's key starts with it too).
function M.generation(path)
    local generations = ngx.shared.pulse_generations
    return (generations:get("site") or "-") .. ":" .. (generations:get(path) or "0")
end

-- From the purge location, once the generation has changed: delete ``path``'s files, or
-- every file for "/*", so that the next request finds none.
function M.purge(path)
    local locked = lock(true)
    if path == "/*" then
        discard_all()
    else
        for _, encoding in ipairs(ENCODINGS) do
            local file = file_for(path, encoding)
            if file then
                os.remove(file)
                files():delete(file)
            end
        end
    end
    if locked then
        unlock()
    end
end

local function normalised_policy(value)
    local directives = {}
    for directive in string.gmatch(value, "[^;]+") do
        directive = string.gsub(directive, "^%s+", "")
        directive = string.gsub(directive, "%s+$", "")
        if directive ~= "" then
            table.insert(directives, directive)
        end
    end
    table.sort(directives)
    return table.concat(directives, "; ")
end

local function same(name, sent, expected)
    if type(sent) ~= "string" then
        return false -- missing, or sent twice
    end
    if name == "content-security-policy" then
        -- django-csp orders the directives differently in each process.
        return normalised_policy(sent) == normalised_policy(expected)
    end
    return sent == expected
end

-- Exactly the headers a file is sent with, besides the ones every file gets its own of.
local function headers_match()
    local expected = config.headers[ngx.var.scheme] or {}
    local sent = ngx.resp.get_headers(100)
    for name in pairs(sent) do
        if not config.own[name] and not expected[name] then
            return false
        end
    end
    for name, value in pairs(expected) do
        if not same(name, sent[name], value) then
            return false
        end
    end
    return true
end

-- header_filter_by_lua in the app location: decide whether this response becomes a file.
function M.header_filter()
    local var = ngx.var
    if config.root == nil or var.pulse_page_file ~= "1" or ngx.req.get_method() ~= "GET" then
        return
    end
    local outcome = var.upstream_cache_status
    if ngx.status ~= 200 or (outcome ~= "MISS" and outcome ~= "EXPIRED") then
        return
    end
    local lifetime = tonumber(var.upstream_http_x_accel_expires or "")
    local length = tonumber(var.upstream_http_content_length or "")
    local encoding = var.pulse_encoding
    if lifetime == nil or lifetime < LIFETIME_MARGIN + 3 or length == nil
        or var.upstream_http_x_page_cache == nil
        or var.upstream_http_set_cookie ~= nil
        or (var.upstream_http_content_encoding or "") ~= encoding
        or var.upstream_http_content_type ~= "text/html; charset=utf-8"
        or not headers_match() then
        return
    end
    local path = var.pulse_path
    local file = file_for(path, encoding == "" and "identity" or encoding)
    if file then
        ngx.ctx.pulse_file = {
            path = file,
            uri = path,
            generation = var.pulse_generation,
            deadline = ngx.now() + lifetime - LIFETIME_MARGIN,
            length = length,
            chunks = {},
            bytes = 0,
        }
    end
end

local function write(entry)
    local body = table.concat(entry.chunks)
    written = written + 1
    local temporary = entry.path .. ".tmp-" .. ngx.worker.pid() .. "-" .. written
    local handle = io.open(temporary, "wb")
    if handle == nil then
        mkdirs(string.match(entry.path, "^(.*)/[^/]*$"))
        handle = io.open(temporary, "wb")
        if handle == nil then
            return
        end
    end
    local ok = handle:write(body)
    handle:close()
    if not ok or not lock(false) then
        os.remove(temporary)
        return
    end
    local dict = files()
    -- Listed for the sweeper before it exists, so no file is ever left without a deadline.
    if M.generation(entry.uri) ~= entry.generation
        or not dict:lpush("at:" .. math.floor(entry.deadline), entry.path)
        or not dict:set(entry.path, entry.deadline)
        or not os.rename(temporary, entry.path) then
        os.remove(temporary)
    end
    unlock()
end

-- body_filter_by_lua in the app location: gather the page, and write it at its end.
function M.body_filter()
    local entry = ngx.ctx.pulse_file
    if entry == nil then
        return
    end
    local chunk = ngx.arg[1]
    if chunk ~= "" then
        entry.bytes = entry.bytes + #chunk
        if entry.bytes > MAX_BYTES then
            ngx.ctx.pulse_file = nil
            return
        end
        table.insert(entry.chunks, chunk)
    end
    if ngx.arg[2] then
        ngx.ctx.pulse_file = nil
        -- Whole (an app server that died mid-answer leaves less), and still current
        -- (write() checks again, under the lock).
        if entry.bytes == entry.length and M.generation(entry.uri) == entry.generation then
            write(entry)
        end
    end
end

local function sweep(premature)
    if premature then
        return
    end
    local dict = files()
    local now = math.floor(ngx.now())
    local from = (dict:get("swept") or now - 1) + 1
    if from < now - 86400 then
        from = now - 86400
    end
    for second = from, now do
        local key = "at:" .. second
        while true do
            local path = dict:rpop(key)
            if path == nil then
                break
            end
            local deadline = dict:get(path)
            if deadline ~= nil and deadline < now + 1 then
                os.remove(path)
                dict:delete(path)
            end
        end
        dict:set("swept", second)
    end
end

-- init_worker_by_lua: the sweeper, in one worker.
function M.start_sweeper()
    if config.root ~= nil and ngx.worker.id() == 0 then
        files():add("swept", math.floor(ngx.now()) - 1)
        ngx.timer.every(1, sweep)
    end
end

return M
