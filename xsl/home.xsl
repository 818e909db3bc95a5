<?xml version="1.0" encoding="UTF-8"?>
<!--
  home.xsl: the unit's 首页 (view index): 待办任务列表, 已办任务列表,
  消息中心, the next 办事预约 and optional shortcuts.  The certificate warning comes from
  the layout.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The views drawn in a frame with holes (layout.xsl). -->
  <xsl:variable name="framed-views" select="'|index|'"/>
  <!-- For each list of the 首页 (待办, 已办, 消息中心), '1' when it is
       empty with a total of 0 (and no unread message): its rows, its
       pager and its count are then part of the frame, not holes
       (cgi-bin/home.c sets /page/@empty-lists from its counts). -->
  <xsl:variable name="frame-key-extra" select="string(/page/@empty-lists)"/>

  <!-- The home page: its headings and table heads are the frame, the
       rest holes (filled in mode fills, in the same order), but for an
       empty list ($frame-key-extra). -->
  <xsl:template match="page[@view = 'index']" mode="content">
    <xsl:call-template name="home-welcome"/>
    <section class="panel">
      <xsl:call-template name="section"><xsl:with-param name="title" select="'待办任务列表'"/></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="todo/task"/>
        <xsl:with-param name="kind" select="'todo'"/>
        <xsl:with-param name="hole" select="$hall-part = 'frame' and substring($frame-key-extra, 1, 1) = '0'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$hall-part = 'frame' and substring($frame-key-extra, 1, 1) = '0'"><hall-hole/></xsl:when>
        <xsl:otherwise><xsl:call-template name="home-todo-pager"/></xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="panel">
      <xsl:call-template name="section"><xsl:with-param name="title" select="'已办任务列表'"/></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="done/task"/>
        <xsl:with-param name="kind" select="'done'"/>
        <xsl:with-param name="hole" select="$hall-part = 'frame' and substring($frame-key-extra, 2, 1) = '0'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$hall-part = 'frame' and substring($frame-key-extra, 2, 1) = '0'"><hall-hole/></xsl:when>
        <xsl:otherwise><xsl:call-template name="home-done-pager"/></xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="panel">
      <xsl:call-template name="section"><xsl:with-param name="title" select="'消息中心'"/></xsl:call-template>
      <table class="grid inbox">
        <thead>
          <tr><th class="time">时间</th><th>消息</th><th>相关业务</th><th>状态</th></tr>
        </thead>
        <tbody>
          <xsl:choose>
            <xsl:when test="$hall-part = 'frame' and substring($frame-key-extra, 3, 1) = '0'"><hall-hole/></xsl:when>
            <xsl:otherwise><xsl:call-template name="home-inbox-rows"/></xsl:otherwise>
          </xsl:choose>
        </tbody>
      </table>
      <xsl:choose>
        <xsl:when test="$hall-part = 'frame' and substring($frame-key-extra, 3, 1) = '0'"><hall-hole/></xsl:when>
        <xsl:otherwise><xsl:call-template name="home-inbox-pager"/></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The holes of the home page's frame, in order. -->
  <xsl:template match="page[@view = 'index']" mode="fills">
    <hall-fill><xsl:call-template name="home-name"/></hall-fill>
    <hall-fill><xsl:call-template name="home-unit"/></hall-fill>
    <xsl:if test="substring($frame-key-extra, 1, 1) = '0'">
      <hall-fill><xsl:call-template name="home-todo-total"/></hall-fill>
    </xsl:if>
    <xsl:if test="substring($frame-key-extra, 2, 1) = '0'">
      <hall-fill><xsl:call-template name="home-done-total"/></hall-fill>
    </xsl:if>
    <xsl:if test="substring($frame-key-extra, 3, 1) = '0'">
      <hall-fill><xsl:call-template name="home-unread"/></hall-fill>
    </xsl:if>
    <hall-fill><xsl:call-template name="home-shortcuts"/></hall-fill>
    <xsl:if test="substring($frame-key-extra, 1, 1) = '0'">
      <hall-fill>
        <xsl:call-template name="task-rows">
          <xsl:with-param name="tasks" select="todo/task"/>
          <xsl:with-param name="kind" select="'todo'"/>
        </xsl:call-template>
      </hall-fill>
      <hall-fill><xsl:call-template name="home-todo-pager"/></hall-fill>
    </xsl:if>
    <xsl:if test="substring($frame-key-extra, 2, 1) = '0'">
      <hall-fill>
        <xsl:call-template name="task-rows">
          <xsl:with-param name="tasks" select="done/task"/>
          <xsl:with-param name="kind" select="'done'"/>
        </xsl:call-template>
      </hall-fill>
      <hall-fill><xsl:call-template name="home-done-pager"/></hall-fill>
    </xsl:if>
    <xsl:if test="substring($frame-key-extra, 3, 1) = '0'">
      <hall-fill><xsl:call-template name="home-inbox-rows"/></hall-fill>
      <hall-fill><xsl:call-template name="home-inbox-pager"/></hall-fill>
    </xsl:if>
  </xsl:template>

  <!-- The welcome line with the counts; in a frame, holes for the
       user's name, the unit, each count and the shortcuts. -->
  <xsl:template name="home-welcome">
    <section class="welcome">
      <p>
        <xsl:text>欢迎您,</xsl:text>
        <strong>
          <xsl:choose>
            <xsl:when test="$hall-part = 'frame'"><hall-hole/></xsl:when>
            <xsl:otherwise><xsl:call-template name="home-name"/></xsl:otherwise>
          </xsl:choose>
        </strong>
        <xsl:choose>
          <xsl:when test="$hall-part = 'frame'"><hall-hole/></xsl:when>
          <xsl:otherwise><xsl:call-template name="home-unit"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <p class="counts">
        <span>待办 <strong>
          <xsl:choose>
            <xsl:when test="$hall-part = 'frame' and substring($frame-key-extra, 1, 1) = '0'"><hall-hole/></xsl:when>
            <xsl:otherwise><xsl:call-template name="home-todo-total"/></xsl:otherwise>
          </xsl:choose>
        </strong> 件</span>
        <span>已办 <strong>
          <xsl:choose>
            <xsl:when test="$hall-part = 'frame' and substring($frame-key-extra, 2, 1) = '0'"><hall-hole/></xsl:when>
            <xsl:otherwise><xsl:call-template name="home-done-total"/></xsl:otherwise>
          </xsl:choose>
        </strong> 件</span>
        <span>未读消息 <strong>
          <xsl:choose>
            <xsl:when test="$hall-part = 'frame' and substring($frame-key-extra, 3, 1) = '0'"><hall-hole/></xsl:when>
            <xsl:otherwise><xsl:call-template name="home-unread"/></xsl:otherwise>
          </xsl:choose>
        </strong> 条</span>
        <span><a href="/jianguan">单位监管与预警</a></span>
      </p>
    </section>
    <xsl:choose>
      <xsl:when test="$hall-part = 'frame'"><hall-hole/></xsl:when>
      <xsl:otherwise><xsl:call-template name="home-shortcuts"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The user's name. -->
  <xsl:template name="home-name">
    <xsl:value-of select="session/@name"/>
  </xsl:template>

  <!-- (the unit)。 and what happens to what it submits. -->
  <xsl:template name="home-unit">
    <xsl:if test="session/@unit != ''">
      <xsl:text>(</xsl:text><xsl:value-of select="session/@unit"/><xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:text>。</xsl:text>
    <xsl:choose>
      <xsl:when test="session/@vip = '1'">贵单位为 VIP 单位,提交的业务由系统按规则自动审核。</xsl:when>
      <xsl:otherwise>提交审批后的业务由经办机构审核,请在已办任务列表中关注审批结果。</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The number of 待办: the list's total when the page says it,
       else the tasks shown (substring(…, 1, 0) is ''). -->
  <xsl:template name="home-todo-total">
    <xsl:value-of select="concat(todo/@total, substring(count(todo/task), 1, 99 * not(todo/@total)))"/>
  </xsl:template>

  <!-- The number of 已办, as home-todo-total. -->
  <xsl:template name="home-done-total">
    <xsl:value-of select="concat(done/@total, substring(count(done/task), 1, 99 * not(done/@total)))"/>
  </xsl:template>

  <!-- The number of unread messages: inbox/@unread, else counted. -->
  <xsl:template name="home-unread">
    <xsl:value-of select="concat(inbox/@unread, substring(count(inbox/msg[@read != '1' or not(@read)]), 1, 99 * not(inbox/@unread)))"/>
  </xsl:template>

  <!-- The unit's next 办事预约, if any (data drawn in the shortcuts'
       hole, so the frame does not change), then the shortcuts of the
       page, if any. -->
  <xsl:template name="home-shortcuts">
    <xsl:for-each select="yuyue-next">
      <div class="msg msg-info yuyue-next" role="status">您的下一个办事预约:<strong><xsl:value-of select="@when"/></strong>,<xsl:value-of select="@business-name"/><xsl:text> </xsl:text><xsl:value-of select="@seq"/>,请携带材料按时到辖区社保经办机构办理。<a href="/yuyue">查看预约</a></div>
    </xsl:for-each>
    <xsl:if test="shortcuts/*">
      <section class="shortcuts">
        <xsl:call-template name="section"><xsl:with-param name="title" select="'常用业务'"/></xsl:call-template>
        <ul class="shortcut-list">
          <xsl:for-each select="shortcuts/*">
            <li>
              <xsl:call-template name="link">
                <xsl:with-param name="href" select="@href"/>
                <xsl:with-param name="label" select="."/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The pages of 待办. -->
  <xsl:template name="home-todo-pager">
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="todo/@total"/>
      <xsl:with-param name="page" select="todo/@page"/>
      <xsl:with-param name="size" select="todo/@per-page"/>
      <xsl:with-param name="base-url" select="'/home?'"/>
      <xsl:with-param name="name" select="'todo_page'"/>
      <xsl:with-param name="unit" select="'条'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The pages of 已办. -->
  <xsl:template name="home-done-pager">
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="done/@total"/>
      <xsl:with-param name="page" select="done/@page"/>
      <xsl:with-param name="size" select="done/@per-page"/>
      <xsl:with-param name="base-url" select="concat('/home?msg_page=', inbox/@page, '&amp;')"/>
      <xsl:with-param name="name" select="'done_page'"/>
      <xsl:with-param name="unit" select="'条'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The rows of the 消息中心: one per message, or 「暂无记录」.  Written
       with few instructions (a list of the 首页): the link's path is
       the hall's own, the task id a number. -->
  <xsl:template name="home-inbox-rows">
    <xsl:for-each select="inbox/msg">
      <tr>
        <xsl:if test="not(@read = '1')"><xsl:attribute name="class">unread</xsl:attribute></xsl:if>
        <td class="time"><xsl:value-of select="@at"/></td>
        <td><xsl:value-of select="."/></td>
        <td>
          <xsl:choose>
            <xsl:when test="@seq">
              <a href="/home/task?id={number(@task)}"><xsl:value-of select="concat(@business-name, ' ', @seq)"/></a>
            </xsl:when>
            <xsl:otherwise>
              <!-- Looked up only here: searching both lists for every
                   message cost a third of the page on a unit with full
                   lists (an xsl:key costs every page its table instead). -->
              <xsl:variable name="tid" select="@task"/>
              <xsl:variable name="t" select="(/page/todo/task[@id = $tid] | /page/done/task[@id = $tid])[1]"/>
              <xsl:choose>
                <xsl:when test="$t">
                  <a href="/home/task?id={number($t/@id)}"><xsl:value-of select="concat($t/@business-name, ' ', $t/@seq)"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$tid"/></xsl:otherwise>
              </xsl:choose>
            </xsl:otherwise>
          </xsl:choose>
        </td>
        <xsl:choose>
          <xsl:when test="@read = '1'"><td>已读</td></xsl:when>
          <xsl:otherwise><td><span class="badge badge-new">未读</span></td></xsl:otherwise>
        </xsl:choose>
      </tr>
    </xsl:for-each>
    <xsl:if test="not(inbox/msg)">
      <xsl:call-template name="empty-row"><xsl:with-param name="cols" select="4"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The pages of the 消息中心. -->
  <xsl:template name="home-inbox-pager">
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="inbox/@total"/>
      <xsl:with-param name="page" select="inbox/@page"/>
      <xsl:with-param name="size" select="inbox/@per-page"/>
      <xsl:with-param name="base-url" select="concat('/home?done_page=', done/@page, '&amp;')"/>
      <xsl:with-param name="name" select="'msg_page'"/>
      <xsl:with-param name="unit" select="'条'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One task of the unit (业务状态): its facts, its history, and while
       it is 未提交 the way back to its form and the 退单 button. -->
  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:variable name="t" select="task"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title" select="concat($t/@business-name, ' 业务状态')"/>
    </xsl:call-template>
    <table class="form-grid info">
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">业务顺序号</xsl:with-param>
          <xsl:with-param name="value" select="$t/@seq"/>
        </xsl:call-template>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">业务名称</xsl:with-param>
          <xsl:with-param name="value" select="$t/@business-name"/>
        </xsl:call-template>
      </tr>
      <tr>
        <th>业务状态</th>
        <td class="readonly">
          <xsl:call-template name="state-badge"><xsl:with-param name="state" select="$t/@state"/></xsl:call-template>
          <xsl:if test="$t/@overdue = '1'"><xsl:text> </xsl:text><span class="badge badge-overdue">逾期</span></xsl:if>
        </td>
        <th>回退标志</th>
        <td class="readonly">
          <xsl:if test="$t/@returned = '1'"><xsl:attribute name="class">readonly flag-yes</xsl:attribute></xsl:if>
          <xsl:call-template name="yes-no"><xsl:with-param name="v" select="$t/@returned"/></xsl:call-template>
        </td>
      </tr>
      <xsl:if test="$t/@reason != ''">
        <tr>
          <th>回退原因</th>
          <td class="readonly reason-text" colspan="3"><xsl:value-of select="$t/@reason"/></td>
        </tr>
      </xsl:if>
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">保存时间</xsl:with-param>
          <xsl:with-param name="value" select="$t/@created"/>
        </xsl:call-template>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">提交时间</xsl:with-param>
          <xsl:with-param name="value" select="$t/@submitted"/>
        </xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">审批人</xsl:with-param>
          <xsl:with-param name="value" select="$t/@decided-by"/>
        </xsl:call-template>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">办结时间</xsl:with-param>
          <xsl:with-param name="value" select="$t/@decided"/>
        </xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">摘要</xsl:with-param>
          <xsl:with-param name="value" select="$t/@summary"/>
          <xsl:with-param name="colspan">3</xsl:with-param>
        </xsl:call-template>
      </tr>
    </table>

    <xsl:call-template name="row-returns"/>

    <xsl:call-template name="section"><xsl:with-param name="title" select="'办理记录'"/></xsl:call-template>
    <xsl:call-template name="events-table"><xsl:with-param name="events" select="events/event"/></xsl:call-template>

    <xsl:if test="$t/@state = '未提交'">
      <div class="task-actions">
        <xsl:call-template name="link">
          <xsl:with-param name="href" select="concat($t/@path, '?id=', $t/@id)"/>
          <xsl:with-param name="label">继续办理</xsl:with-param>
          <xsl:with-param name="class" select="'btn btn-primary'"/>
        </xsl:call-template>
        <form method="post" action="/home/cancel" class="inline">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$t/@id}"/>
          <button type="submit" class="btn btn-danger">退单</button>
          <span class="hint">退单后该业务作废,不能恢复。</span>
        </form>
      </div>
    </xsl:if>
    <p class="actions"><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

</xsl:stylesheet>
