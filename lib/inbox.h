/*
 * inbox.h: a unit's 消息中心 (the messages table), a page at a time,
 * and marking a task's messages read.
 */
#ifndef HALL_INBOX_H
#define HALL_INBOX_H

#include <stdint.h>
#include <time.h>

struct store;

/* One message; the strings are valid only during the callback. */
struct inbox_msg {
	time_t		 at;
	const char	*title;
	int64_t		 task_id;	/* 0: about no task */
	int		 read;
	const char	*seq;		/* the task's 业务顺序号, or "" */
	const char	*business;	/* the task's business code, or "" */
};

/* Calls fn for rows [offset, offset + limit) of unit_id's messages,
 * latest first, read in the order of messages_unit.  Returns the
 * number listed or -1. */
int		 inbox_page(struct store *s, int64_t unit_id, int limit,
		    int offset, void (*fn)(const struct inbox_msg *m,
		    void *arg), void *arg);

/* Marks unit_id's unread messages about task_id read, in a transaction
 * of its own, taken only when there is one (the task page is read far
 * more often than a message arrives).  Returns 0 or -1. */
int		 inbox_mark_read(struct store *s, int64_t unit_id,
		    int64_t task_id);

/* Posts a message to unit_id's 消息中心 at time at, about task_id (0:
 * none), unread, inside the caller's transaction.  Returns 0 or -1. */
int		 inbox_post(struct store *s, int64_t unit_id, int64_t task_id,
		    time_t at, const char *title, const char *body);

#endif
