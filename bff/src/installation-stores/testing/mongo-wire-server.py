#!/usr/bin/python3
"""MongoDB wire-protocol test server for the BFF's MongoDB connector tests.

There is no mongod in the test environment, so this process impersonates a
standalone MongoDB 7.0 (maxWireVersion 21): mockupdb (Debian python3-mockupdb)
owns the sockets and parses OP_MSG / OP_QUERY requests, and every command is
executed against an in-memory mongomock (Debian python3-mongomock) client.

Usage (always with Debian's interpreter, which has the packages):

    /usr/bin/python3 mongo-wire-server.py [--port N] [--data FILE]
                                          [--exit-when-stdin-closes] [--verbose]

Prints exactly one line ``LISTENING <port>`` on stdout once it accepts
connections. On SIGTERM/SIGINT (or stdin EOF with --exit-when-stdin-closes) it
saves the databases to FILE (canonical extended JSON) when --data is given and
exits 0; on start it loads FILE if it exists.
"""

import argparse
import datetime
import os
import signal
import sys
import threading
import time
import traceback
import weakref
from collections import OrderedDict

import bson
from bson import json_util
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions
from bson.errors import BSONError
from bson.int64 import Int64
from bson.json_util import JSONMode, JSONOptions

import mockupdb
from mockupdb import MockupDB, OpMsg, OpMsgReply, OP_MSG_FLAGS

import mongomock
from mongomock import filtering

MAX_WIRE_VERSION = 21  # MongoDB 7.0; the mongodb v7 driver needs 9..29
SERVER_VERSION = "7.0.0"
MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024
MAX_MESSAGE_SIZE = 48000000
MAX_WRITE_BATCH_SIZE = 100000
DEFAULT_FIRST_BATCH = 101
# Keep a cursor batch (plus the reply envelope) below the 16 MiB document limit.
BATCH_BYTES_LIMIT = MAX_BSON_OBJECT_SIZE - 64 * 1024
CURSOR_IDLE_TIMEOUT_S = 600

# Replies are encoded with the standard UUID representation so that a UUID the
# client stored as Binary subtype 4 comes back as subtype 4 (bson 3.x would
# otherwise re-encode it with the legacy subtype 3).
REPLY_CODEC = CodecOptions(document_class=OrderedDict,
                           uuid_representation=UuidRepresentation.STANDARD)
JSON_OPTIONS = JSONOptions(json_mode=JSONMode.CANONICAL,
                           uuid_representation=UuidRepresentation.STANDARD,
                           document_class=OrderedDict, tz_aware=False)

ERROR_NAMES = {
    2: "BadValue", 9: "FailedToParse", 14: "TypeMismatch", 20: "IllegalOperation",
    26: "NamespaceNotFound", 27: "IndexNotFound", 43: "CursorNotFound",
    48: "NamespaceExists", 59: "CommandNotFound", 73: "InvalidNamespace",
    85: "IndexOptionsConflict", 238: "NotImplemented", 8000: "AtlasError",
    11000: "DuplicateKey", 1: "InternalError",
}

# Envelope fields the driver adds to every command; they carry no semantics here.
ENVELOPE_FIELDS = {"$db", "lsid", "$clusterTime", "$readPreference", "readConcern",
                   "writeConcern", "comment", "maxTimeMS", "apiVersion", "apiStrict",
                   "apiDeprecationErrors", "$audit", "mayBypassWriteBlocking"}


class CommandError(Exception):
    def __init__(self, code, errmsg, **extra):
        super().__init__(errmsg)
        self.code = code
        self.errmsg = errmsg
        self.extra = extra


class StandardUuidOpMsgReply(OpMsgReply):
    """mockupdb's OP_MSG reply, encoded with REPLY_CODEC."""

    def reply_bytes(self, request):
        import random
        import struct
        flags = struct.pack("<I", self._flags)
        payload_type = struct.pack("<b", 0)
        payload_data = bson.BSON.encode(self.doc, codec_options=REPLY_CODEC)
        data = b"".join([flags, payload_type, payload_data])
        reply_id = random.randint(0, 1000000)
        header = struct.pack("<iiii", 16 + len(data), reply_id, request.request_id,
                             mockupdb.OP_MSG)
        return header + data


def error_doc(code, errmsg, **extra):
    doc = OrderedDict([("ok", 0.0), ("errmsg", errmsg), ("code", code),
                       ("codeName", ERROR_NAMES.get(code, "UnknownError"))])
    doc.update(extra)
    return doc


def exception_code(exc):
    """(code, errmsg) for an exception raised by mongomock or bson."""
    if isinstance(exc, CommandError):
        return exc.code, exc.errmsg
    if isinstance(exc, mongomock.DuplicateKeyError):
        return 11000, str(exc)
    if isinstance(exc, mongomock.OperationFailure):
        code = getattr(exc, "code", None)
        message = str(exc)
        if not code:
            code = 85 if "already exists with different options" in message else 2
        return code, message
    if isinstance(exc, NotImplementedError):
        return 238, "not supported by the mongomock test server: %s" % exc
    if isinstance(exc, (BSONError, ValueError, TypeError, KeyError)):
        return 2, "%s: %s" % (type(exc).__name__, exc)
    return 1, "%s: %s" % (type(exc).__name__, exc)


def sort_list(spec):
    if not spec:
        return None
    result = []
    for key, direction in spec.items():
        if isinstance(direction, dict):
            raise NotImplementedError("sort by %s: %r" % (key, direction))
        result.append((key, int(direction)))
    return result


def is_operator_update(update):
    return isinstance(update, dict) and len(update) > 0 and all(
        key.startswith("$") for key in update)


def as_int(value, default=0):
    if value is None:
        return default
    return int(value)


class Cursor:
    def __init__(self, cursor_id, ns, docs):
        self.id = cursor_id
        self.ns = ns
        self.docs = docs
        self.pos = 0
        self.touched = time.monotonic()


class WireServer:
    def __init__(self, data_file=None, verbose=False):
        self.client = mongomock.MongoClient()
        self.data_file = data_file
        self.verbose = verbose
        self.lock = threading.RLock()
        self.cursors = {}
        self.next_cursor_id = 1000
        self.connection_ids = weakref.WeakKeyDictionary()
        self.next_connection_id = 1
        self.started = time.monotonic()
        self.commands = {
            "hello": self.cmd_hello, "ismaster": self.cmd_hello,
            "ping": self.cmd_ok, "endsessions": self.cmd_ok, "killsessions": self.cmd_ok,
            "refreshsessions": self.cmd_ok, "startsession": self.cmd_start_session,
            "buildinfo": self.cmd_build_info, "serverstatus": self.cmd_server_status,
            "connectionstatus": self.cmd_connection_status, "whatsmyuri": self.cmd_whatsmyuri,
            "getparameter": self.cmd_get_parameter,
            "find": self.cmd_find, "getmore": self.cmd_get_more,
            "killcursors": self.cmd_kill_cursors,
            "insert": self.cmd_insert, "update": self.cmd_update, "delete": self.cmd_delete,
            "findandmodify": self.cmd_find_and_modify, "count": self.cmd_count,
            "aggregate": self.cmd_aggregate, "distinct": self.cmd_distinct,
            "createindexes": self.cmd_create_indexes, "listindexes": self.cmd_list_indexes,
            "dropindexes": self.cmd_drop_indexes, "deleteindexes": self.cmd_drop_indexes,
            "listcollections": self.cmd_list_collections, "create": self.cmd_create,
            "drop": self.cmd_drop, "dropdatabase": self.cmd_drop_database,
            "listdatabases": self.cmd_list_databases,
            "renamecollection": self.cmd_rename_collection,
        }

    # ---------------------------------------------------------------- requests

    def handle(self, request):
        """mockupdb autoresponder: answers every request, never raises."""
        try:
            if isinstance(request, OpMsg):
                doc = request.doc
                reply = self.execute(doc, doc.get("$db", "admin"), request)
                if request.flags & OP_MSG_FLAGS["moreToCome"]:
                    return True  # unacknowledged (w: 0): the client expects no reply
                request.replies(StandardUuidOpMsgReply(reply))
            elif isinstance(request, mockupdb.Command):  # legacy OP_QUERY on db.$cmd
                doc = request.doc
                if "$query" in doc:
                    doc = doc["$query"]
                request.replies(self.execute(doc, request.namespace, request))
            elif isinstance(request, mockupdb.OpQuery):
                request.fail("legacy OP_QUERY find is not supported; use OP_MSG", code=238)
            else:
                # OP_GET_MORE, OP_KILL_CURSORS, OP_INSERT, ... (removed in MongoDB 6.0)
                self.log("unsupported legacy opcode: %r" % (request,))
                request.hangup()
        except Exception:  # noqa: BLE001 - a broken reply must not kill the socket thread
            traceback.print_exc(file=sys.stderr)
            try:
                request.hangup()
            except Exception:  # noqa: BLE001
                pass
        return True

    def execute(self, doc, db_name, request):
        if not doc:
            return error_doc(9, "empty command")
        name = next(iter(doc))
        handler = self.commands.get(name.lower())
        self.log("%s.%s %r" % (db_name, name, doc))
        if handler is None:
            return error_doc(59, "no such command: '%s'" % name)
        if "txnNumber" in doc or "startTransaction" in doc or "autocommit" in doc:
            return error_doc(20, "Transaction numbers are only allowed on a replica set "
                                 "member or mongos")
        with self.lock:
            try:
                reply = handler(doc, db_name, request)
            except Exception as exc:  # noqa: BLE001
                if self.verbose:
                    traceback.print_exc(file=sys.stderr)
                code, errmsg = exception_code(exc)
                extra = exc.extra if isinstance(exc, CommandError) else {}
                return error_doc(code, errmsg, **extra)
        reply.setdefault("ok", 1.0)
        return reply

    def log(self, message):
        if self.verbose:
            print(message[:2000], file=sys.stderr, flush=True)

    def collection(self, db_name, name):
        if not isinstance(name, str) or not name:
            raise CommandError(73, "Invalid namespace specified '%s.%r'" % (db_name, name))
        return self.client[db_name][name]

    def collection_exists(self, db_name, name):
        return name in self.client[db_name].list_collection_names()

    # ------------------------------------------------------------- handshake

    def cmd_hello(self, doc, db_name, request):
        client_socket = getattr(request, "_client", None)
        if client_socket is not None and client_socket not in self.connection_ids:
            self.connection_ids[client_socket] = self.next_connection_id
            self.next_connection_id += 1
        reply = OrderedDict()
        if next(iter(doc)).lower() == "hello":
            reply["isWritablePrimary"] = True
        else:
            reply["ismaster"] = True
        reply.update([
            ("helloOk", True),
            ("maxBsonObjectSize", MAX_BSON_OBJECT_SIZE),
            ("maxMessageSizeBytes", MAX_MESSAGE_SIZE),
            ("maxWriteBatchSize", MAX_WRITE_BATCH_SIZE),
            ("localTime", datetime.datetime.utcnow()),
            ("logicalSessionTimeoutMinutes", 30),
            ("connectionId", self.connection_ids.get(client_socket, 0)),
            ("minWireVersion", 0),
            ("maxWireVersion", MAX_WIRE_VERSION),
            ("readOnly", False),
            ("ok", 1.0),
        ])
        # No topologyVersion: the driver then polls with hello instead of using the
        # streaming (exhaust) monitoring protocol, which mockupdb cannot serve.
        return reply

    def cmd_ok(self, doc, db_name, request):
        return OrderedDict(ok=1.0)

    def cmd_start_session(self, doc, db_name, request):
        import uuid
        return OrderedDict([("id", OrderedDict(id=uuid.uuid4())), ("timeoutMinutes", 30)])

    def cmd_build_info(self, doc, db_name, request):
        return OrderedDict([
            ("version", SERVER_VERSION), ("gitVersion", "mongomock-%s" % mongomock.__version__),
            ("versionArray", [7, 0, 0, 0]), ("bits", 64), ("debug", False),
            ("maxBsonObjectSize", MAX_BSON_OBJECT_SIZE), ("storageEngines", ["mongomock"]),
            ("modules", []),
        ])

    def cmd_server_status(self, doc, db_name, request):
        return OrderedDict([
            ("host", "127.0.0.1"), ("version", SERVER_VERSION), ("process", "mongod"),
            ("pid", Int64(os.getpid())), ("uptime", float(time.monotonic() - self.started)),
            ("localTime", datetime.datetime.utcnow()),
            ("connections", OrderedDict(current=len(self.connection_ids))),
        ])

    def cmd_connection_status(self, doc, db_name, request):
        return OrderedDict(authInfo=OrderedDict(authenticatedUsers=[],
                                                authenticatedUserRoles=[]))

    def cmd_whatsmyuri(self, doc, db_name, request):
        return OrderedDict(you="127.0.0.1:%d" % request.client_port)

    def cmd_get_parameter(self, doc, db_name, request):
        reply = OrderedDict()
        if doc.get("featureCompatibilityVersion"):
            reply["featureCompatibilityVersion"] = OrderedDict(version="7.0")
        return reply

    # --------------------------------------------------------------- cursors

    def open_cursor(self, ns, docs, batch_size, single_batch=False, first=True):
        """Reply with the first batch; keep a server-side cursor for the rest."""
        self.expire_cursors()
        cursor = Cursor(0, ns, docs)
        batch = self.take_batch(cursor, DEFAULT_FIRST_BATCH if batch_size is None
                                else batch_size)
        if cursor.pos < len(docs) and not single_batch:
            cursor.id = self.next_cursor_id
            self.next_cursor_id += 1
            self.cursors[cursor.id] = cursor
        return OrderedDict(cursor=OrderedDict([
            ("firstBatch" if first else "nextBatch", batch),
            ("id", Int64(cursor.id)), ("ns", ns)]))

    @staticmethod
    def take_batch(cursor, batch_size):
        batch = []
        size = 0
        limit = batch_size if batch_size and batch_size > 0 else None
        while cursor.pos < len(cursor.docs) and (limit is None or len(batch) < limit):
            doc = cursor.docs[cursor.pos]
            doc_size = len(bson.BSON.encode(doc, codec_options=REPLY_CODEC))
            if batch and size + doc_size > BATCH_BYTES_LIMIT:
                break
            batch.append(doc)
            size += doc_size
            cursor.pos += 1
        cursor.touched = time.monotonic()
        return batch

    def expire_cursors(self):
        now = time.monotonic()
        for cursor_id in [cid for cid, c in self.cursors.items()
                          if now - c.touched > CURSOR_IDLE_TIMEOUT_S]:
            del self.cursors[cursor_id]

    def cmd_get_more(self, doc, db_name, request):
        cursor_id = int(doc["getMore"])
        ns = "%s.%s" % (db_name, doc.get("collection"))
        cursor = self.cursors.get(cursor_id)
        if cursor is None:
            raise CommandError(43, "cursor id %d not found" % cursor_id)
        if cursor.ns != ns and not cursor.ns.startswith("%s.$cmd." % db_name):
            raise CommandError(13, "Requested getMore on namespace '%s', but cursor "
                                   "belongs to a different namespace %s" % (ns, cursor.ns))
        batch = self.take_batch(cursor, as_int(doc.get("batchSize"), 0))
        if cursor.pos >= len(cursor.docs):
            del self.cursors[cursor_id]
            cursor.id = 0
        return OrderedDict(cursor=OrderedDict([
            ("nextBatch", batch), ("id", Int64(cursor.id)), ("ns", cursor.ns)]))

    def cmd_kill_cursors(self, doc, db_name, request):
        killed, not_found = [], []
        for cursor_id in doc.get("cursors", []):
            if self.cursors.pop(int(cursor_id), None) is not None:
                killed.append(Int64(cursor_id))
            else:
                not_found.append(Int64(cursor_id))
        return OrderedDict([("cursorsKilled", killed), ("cursorsNotFound", not_found),
                            ("cursorsAlive", []), ("cursorsUnknown", [])])

    # ----------------------------------------------------------------- reads

    def cmd_find(self, doc, db_name, request):
        name = doc["find"]
        coll = self.collection(db_name, name)
        for unsupported in ("collation", "let", "min", "max", "returnKey", "showRecordId"):
            if doc.get(unsupported):
                raise NotImplementedError("find option '%s'" % unsupported)
        limit = as_int(doc.get("limit"))
        single_batch = bool(doc.get("singleBatch"))
        if limit < 0:
            limit, single_batch = -limit, True
        projection = doc.get("projection") or None
        docs = list(coll.find(doc.get("filter") or {}, projection,
                              skip=as_int(doc.get("skip")), limit=limit,
                              sort=sort_list(doc.get("sort"))))
        batch_size = doc.get("batchSize")
        return self.open_cursor("%s.%s" % (db_name, name), docs,
                                None if batch_size is None else int(batch_size),
                                single_batch)

    def cmd_aggregate(self, doc, db_name, request):
        target = doc["aggregate"]
        if doc.get("explain"):
            raise NotImplementedError("aggregate explain")
        if "cursor" not in doc:
            raise CommandError(9, "The 'cursor' option is required, except for aggregate "
                                  "with the explain argument")
        if not isinstance(target, str):
            raise NotImplementedError("database-level aggregate (aggregate: 1)")
        docs = list(self.collection(db_name, target).aggregate(list(doc.get("pipeline", []))))
        batch_size = doc["cursor"].get("batchSize")
        return self.open_cursor("%s.%s" % (db_name, target), docs,
                                None if batch_size is None else int(batch_size))

    def cmd_count(self, doc, db_name, request):
        coll = self.collection(db_name, doc["count"])
        kwargs = {}
        if as_int(doc.get("skip")):
            kwargs["skip"] = as_int(doc.get("skip"))
        if as_int(doc.get("limit")):
            kwargs["limit"] = abs(as_int(doc.get("limit")))
        return OrderedDict(n=coll.count_documents(doc.get("query") or {}, **kwargs))

    def cmd_distinct(self, doc, db_name, request):
        coll = self.collection(db_name, doc["distinct"])
        return OrderedDict(values=list(coll.distinct(doc["key"], doc.get("query") or {})))

    # ---------------------------------------------------------------- writes

    def duplicate_key_error(self, index, coll, candidate, exc):
        """A write error like mongod's, naming the violated unique index if found."""
        error = OrderedDict([("index", index), ("code", 11000)])
        conflict = None
        if candidate is not None:
            indexes = [("_id_", [("_id", 1)], {})] + [
                (name, info["key"], info) for name, info in coll.index_information().items()
                if name != "_id_" and info.get("unique")]
            for name, key, info in indexes:
                values = OrderedDict()
                for field, _ in key:
                    values[field] = self.value_at(candidate, field)
                query = dict(values)
                if "_id" in candidate and name != "_id_":
                    query["_id"] = {"$ne": candidate["_id"]}
                if info.get("partialFilterExpression"):
                    query = {"$and": [query, info["partialFilterExpression"]]}
                if coll.count_documents(query):
                    conflict = (name, OrderedDict((f, d) for f, d in key), values)
                    break
        if conflict:
            name, key_pattern, key_value = conflict
            error["keyPattern"] = key_pattern
            error["keyValue"] = key_value
            error["errmsg"] = ("E11000 duplicate key error collection: %s index: %s dup key: %s"
                               % (coll.full_name, name, json_util.dumps(key_value)))
        else:
            error["errmsg"] = "E11000 duplicate key error collection: %s (%s)" % (
                coll.full_name, exc)
        return error

    @staticmethod
    def value_at(doc, path):
        value = doc
        for part in path.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
            else:
                return None
        return value

    def write_error(self, index, exc, coll=None, candidate=None):
        if isinstance(exc, mongomock.DuplicateKeyError) and coll is not None:
            return self.duplicate_key_error(index, coll, candidate, exc)
        code, errmsg = exception_code(exc)
        return OrderedDict([("index", index), ("code", code), ("errmsg", errmsg)])

    @staticmethod
    def write_reply(n, write_errors, **extra):
        reply = OrderedDict(n=n)
        reply.update(extra)
        if write_errors:
            reply["writeErrors"] = write_errors
        return reply

    def cmd_insert(self, doc, db_name, request):
        coll = self.collection(db_name, doc["insert"])
        ordered = doc.get("ordered", True)
        n, errors = 0, []
        for index, document in enumerate(doc.get("documents", [])):
            if isinstance(document, OrderedDict) and "_id" in document:
                document.move_to_end("_id", last=False)  # mongod stores _id first
            try:
                coll.insert_one(document)
                n += 1
            except (mongomock.OperationFailure, BSONError, ValueError) as exc:
                errors.append(self.write_error(index, exc, coll, document))
                if ordered:
                    break
        return self.write_reply(n, errors)

    def apply_update(self, coll, query, update, upsert, multi, array_filters):
        if isinstance(update, list):
            raise NotImplementedError("pipeline-style updates")
        if is_operator_update(update):
            method = coll.update_many if multi else coll.update_one
            return method(query, update, upsert=upsert, array_filters=array_filters)
        if multi:
            raise CommandError(9, "multi update is not supported for replacement-style update")
        return coll.replace_one(query, update, upsert=upsert)

    def cmd_update(self, doc, db_name, request):
        coll = self.collection(db_name, doc["update"])
        ordered = doc.get("ordered", True)
        n = modified = 0
        upserted, errors = [], []
        for index, statement in enumerate(doc.get("updates", [])):
            if statement.get("collation"):
                raise NotImplementedError("update collation")
            try:
                result = self.apply_update(coll, statement.get("q") or {}, statement["u"],
                                           bool(statement.get("upsert")),
                                           bool(statement.get("multi")),
                                           statement.get("arrayFilters"))
            except (mongomock.OperationFailure, BSONError, ValueError) as exc:
                errors.append(self.write_error(index, exc, coll, None))
                if ordered:
                    break
                continue
            n += result.matched_count
            modified += result.modified_count
            if result.upserted_id is not None:
                n += 1
                upserted.append(OrderedDict([("index", index), ("_id", result.upserted_id)]))
        reply = self.write_reply(n, [], nModified=modified)
        if upserted:
            reply["upserted"] = upserted
        if errors:
            reply["writeErrors"] = errors
        return reply

    def cmd_delete(self, doc, db_name, request):
        coll = self.collection(db_name, doc["delete"])
        ordered = doc.get("ordered", True)
        n, errors = 0, []
        for index, statement in enumerate(doc.get("deletes", [])):
            if statement.get("collation"):
                raise NotImplementedError("delete collation")
            try:
                query = statement.get("q") or {}
                if as_int(statement.get("limit")) == 1:
                    n += coll.delete_one(query).deleted_count
                else:
                    n += coll.delete_many(query).deleted_count
            except mongomock.OperationFailure as exc:
                errors.append(self.write_error(index, exc))
                if ordered:
                    break
        return self.write_reply(n, errors)

    def cmd_find_and_modify(self, doc, db_name, request):
        coll = self.collection(db_name, doc[next(iter(doc))])
        query = doc.get("query") or {}
        sort = sort_list(doc.get("sort"))
        fields = doc.get("fields") or None
        remove = bool(doc.get("remove"))
        update = doc.get("update")
        upsert = bool(doc.get("upsert"))
        return_new = bool(doc.get("new"))
        if doc.get("collation"):
            raise NotImplementedError("findAndModify collation")
        if remove and (update is not None or upsert or return_new):
            raise CommandError(9, "Cannot specify remove with update, upsert or new")
        if not remove and update is None:
            raise CommandError(9, "Either an update or remove=true must be specified")

        matches = list(coll.find(query, {"_id": 1}, sort=sort, limit=1))
        before_id = matches[0]["_id"] if matches else None

        def fetch(doc_id):
            found = list(coll.find({"_id": doc_id}, fields, limit=1))
            return found[0] if found else None

        last_error = OrderedDict()
        value = None
        try:
            if remove:
                if matches:
                    value = fetch(before_id)
                    coll.delete_one({"_id": before_id})
                last_error["n"] = 1 if matches else 0
            elif matches:
                before = fetch(before_id)
                self.apply_update(coll, {"_id": before_id}, update, False, False,
                                  doc.get("arrayFilters"))
                after_id = before_id
                if not is_operator_update(update) and "_id" in update:
                    after_id = update["_id"]
                value = fetch(after_id) if return_new else before
                last_error["n"] = 1
                last_error["updatedExisting"] = True
            elif upsert:
                result = self.apply_update(coll, query, update, True, False,
                                           doc.get("arrayFilters"))
                value = fetch(result.upserted_id) if return_new else None
                last_error["n"] = 1
                last_error["updatedExisting"] = False
                last_error["upserted"] = result.upserted_id
            else:
                last_error["n"] = 0
                last_error["updatedExisting"] = False
        except mongomock.DuplicateKeyError as exc:
            error = self.duplicate_key_error(0, coll, None, exc)
            raise CommandError(11000, error["errmsg"])
        return OrderedDict([("lastErrorObject", last_error), ("value", value)])

    # ------------------------------------------------------- indexes & catalog

    def index_docs(self, coll):
        docs = []
        for name, info in coll.index_information().items():
            index = OrderedDict([("v", 2), ("key", OrderedDict(info["key"])), ("name", name)])
            for option in ("unique", "sparse", "expireAfterSeconds",
                           "partialFilterExpression"):
                if option in info:
                    index[option] = info[option]
            docs.append(index)
        return docs

    def cmd_create_indexes(self, doc, db_name, request):
        name = doc["createIndexes"]
        coll = self.collection(db_name, name)
        existed = self.collection_exists(db_name, name)
        before = len(coll.index_information()) if existed else 0
        if not existed:
            self.client[db_name].create_collection(name)
        for spec in doc.get("indexes", []):
            if "key" not in spec or "name" not in spec:
                raise CommandError(9, "index specification must contain 'key' and 'name'")
            kwargs = {"name": spec["name"]}
            for option in ("unique", "sparse", "expireAfterSeconds",
                           "partialFilterExpression"):
                if spec.get(option) is not None:
                    kwargs[option] = spec[option]
            try:
                coll.create_index(list(spec["key"].items()), **kwargs)
            except mongomock.DuplicateKeyError as exc:
                raise CommandError(11000, "Index build failed: E11000 duplicate key error "
                                          "collection: %s index: %s (%s)"
                                   % (coll.full_name, spec["name"], exc))
        after = len(coll.index_information())
        return OrderedDict([("numIndexesBefore", before), ("numIndexesAfter", after),
                            ("createdCollectionAutomatically", not existed)])

    def cmd_list_indexes(self, doc, db_name, request):
        name = doc["listIndexes"]
        if not self.collection_exists(db_name, name):
            raise CommandError(26, "ns does not exist: %s.%s" % (db_name, name))
        batch_size = (doc.get("cursor") or {}).get("batchSize")
        return self.open_cursor("%s.%s" % (db_name, name),
                                self.index_docs(self.collection(db_name, name)),
                                None if batch_size is None else int(batch_size))

    def cmd_drop_indexes(self, doc, db_name, request):
        name = doc[next(iter(doc))]
        if not self.collection_exists(db_name, name):
            raise CommandError(26, "ns not found %s.%s" % (db_name, name))
        coll = self.collection(db_name, name)
        was = len(coll.index_information())
        target = doc.get("index")
        names = {d["name"]: d for d in self.index_docs(coll)}
        if target == "*":
            coll.drop_indexes()
        else:
            targets = target if isinstance(target, list) else [target]
            for item in targets:
                if isinstance(item, dict):
                    item = next((n for n, d in names.items() if d["key"] == item), None)
                if item == "_id_":
                    raise CommandError(72, "cannot drop _id index")
                if item not in names:
                    raise CommandError(27, "index not found with name [%s]" % item)
                coll.drop_index(item)
        return OrderedDict(nIndexesWas=was)

    def cmd_list_collections(self, doc, db_name, request):
        db = self.client[db_name]
        docs = []
        for name in sorted(db.list_collection_names()):
            if doc.get("nameOnly"):
                entry = OrderedDict([("name", name), ("type", "collection")])
            else:
                entry = OrderedDict([
                    ("name", name), ("type", "collection"), ("options", OrderedDict()),
                    ("info", OrderedDict(readOnly=False)),
                    ("idIndex", OrderedDict([("v", 2), ("key", OrderedDict(_id=1)),
                                             ("name", "_id_")]))])
            if filtering.filter_applies(doc.get("filter") or {}, entry):
                docs.append(entry)
        batch_size = (doc.get("cursor") or {}).get("batchSize")
        return self.open_cursor("%s.$cmd.listCollections" % db_name, docs,
                                None if batch_size is None else int(batch_size))

    def cmd_create(self, doc, db_name, request):
        name = doc["create"]
        if self.collection_exists(db_name, name):
            raise CommandError(48, "Collection %s.%s already exists." % (db_name, name))
        self.client[db_name].create_collection(name)
        return OrderedDict()

    def cmd_drop(self, doc, db_name, request):
        name = doc["drop"]
        reply = OrderedDict(ns="%s.%s" % (db_name, name))
        if self.collection_exists(db_name, name):
            reply["nIndexesWas"] = len(self.collection(db_name, name).index_information())
            self.client[db_name].drop_collection(name)
        self.drop_cursors("%s.%s" % (db_name, name))
        return reply  # MongoDB >= 7.0 answers ok: 1 for a missing collection too

    def drop_cursors(self, ns_prefix):
        for cursor_id in [cid for cid, c in self.cursors.items()
                          if c.ns == ns_prefix or c.ns.startswith(ns_prefix + ".")]:
            del self.cursors[cursor_id]

    def cmd_drop_database(self, doc, db_name, request):
        self.client.drop_database(db_name)
        self.drop_cursors(db_name)
        return OrderedDict(dropped=db_name)

    def cmd_list_databases(self, doc, db_name, request):
        databases, total = [], 0
        for name in sorted(self.client.list_database_names()):
            db = self.client[name]
            size = sum(len(bson.BSON.encode(d, codec_options=REPLY_CODEC))
                       for c in db.list_collection_names() for d in db[c].find())
            total += size
            entry = OrderedDict([("name", name), ("sizeOnDisk", Int64(size)),
                                 ("empty", size == 0)])
            if filtering.filter_applies(doc.get("filter") or {}, entry):
                databases.append(OrderedDict(name=name) if doc.get("nameOnly") else entry)
        reply = OrderedDict(databases=databases)
        if not doc.get("nameOnly"):
            reply["totalSize"] = Int64(total)
            reply["totalSizeMb"] = Int64(total // (1024 * 1024))
        return reply

    def cmd_rename_collection(self, doc, db_name, request):
        source, target = doc["renameCollection"], doc.get("to", "")
        source_db, _, source_name = source.partition(".")
        target_db, _, target_name = target.partition(".")
        if source_db != target_db:
            raise NotImplementedError("renameCollection across databases")
        if not self.collection_exists(source_db, source_name):
            raise CommandError(26, "Source collection %s does not exist" % source)
        if self.collection_exists(target_db, target_name) and not doc.get("dropTarget"):
            raise CommandError(48, "target namespace exists")
        if doc.get("dropTarget"):
            self.client[target_db].drop_collection(target_name)
        self.collection(source_db, source_name).rename(target_name)
        self.drop_cursors(source)
        return OrderedDict()

    # ----------------------------------------------------------- persistence

    def load(self):
        if not self.data_file or not os.path.exists(self.data_file):
            return
        with open(self.data_file, "r", encoding="utf-8") as handle:
            text = handle.read()
        if not text.strip():
            return
        data = json_util.loads(text, json_options=JSON_OPTIONS)
        for db_name, collections in data.get("databases", {}).items():
            db = self.client[db_name]
            for coll_name, content in collections.items():
                db.create_collection(coll_name)
                coll = db[coll_name]
                for index in content.get("indexes", []):
                    if index["name"] == "_id_":
                        continue
                    kwargs = {k: index[k] for k in ("unique", "sparse", "expireAfterSeconds",
                                                    "partialFilterExpression") if k in index}
                    coll.create_index(list(index["key"].items()), name=index["name"], **kwargs)
                for document in content.get("documents", []):
                    coll.insert_one(document)

    def save(self):
        if not self.data_file:
            return
        with self.lock:
            databases = OrderedDict()
            for db_name in sorted(self.client.list_database_names()):
                db = self.client[db_name]
                collections = OrderedDict()
                for coll_name in sorted(db.list_collection_names()):
                    coll = db[coll_name]
                    collections[coll_name] = OrderedDict([
                        ("indexes", self.index_docs(coll)),
                        ("documents", list(coll.find())),
                    ])
                databases[db_name] = collections
            text = json_util.dumps(OrderedDict(databases=databases), json_options=JSON_OPTIONS)
        directory = os.path.dirname(os.path.abspath(self.data_file))
        os.makedirs(directory, exist_ok=True)
        temporary = "%s.%d.tmp" % (self.data_file, os.getpid())
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, self.data_file)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("port", nargs="?", type=int, default=None,
                        help="TCP port on 127.0.0.1 (0 or omitted: a free port)")
    parser.add_argument("--port", dest="port_option", type=int, default=None)
    parser.add_argument("--data", default=None,
                        help="JSON file to load on start and save on SIGTERM/SIGINT")
    parser.add_argument("--exit-when-stdin-closes", action="store_true",
                        help="save and exit when stdin reaches EOF (parent process died)")
    parser.add_argument("--verbose", action="store_true", help="log commands to stderr")
    args = parser.parse_args()
    port = args.port_option if args.port_option is not None else args.port

    wire = WireServer(data_file=args.data, verbose=args.verbose)
    wire.load()

    server = MockupDB(port=port or None, request_timeout=int(1e6))
    server._address = ("127.0.0.1", port or None)  # bind IPv4 loopback explicitly
    server.autoresponds(wire.handle)
    bound_port = server.run()

    stop = threading.Event()

    def request_stop(signum=None, frame=None):
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    if args.exit_when_stdin_closes:
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            except Exception:  # noqa: BLE001
                pass
            stop.set()
        threading.Thread(target=watch_stdin, daemon=True).start()

    print("LISTENING %d" % bound_port, flush=True)
    while not stop.wait(0.5):
        pass
    exit_code = 0
    try:
        wire.save()
    except Exception:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
        exit_code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # Sockets are closed by the OS, like a stopped mongod; skip mockupdb's thread joins.
    os._exit(exit_code)


if __name__ == "__main__":
    main()
