<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: named templates shared by every page of the hall.
  Imported by layout.xsl, so a program's stylesheet that imports
  layout.xsl can call all of them.

  Rules kept here and everywhere in xsl/:
  - no disable-output-escaping, no <script>, no extension functions;
  - every href built from data goes through "link", which only links
    local paths ("/..."; never "//host" or "/\host").
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The red * before a required label. -->
  <xsl:template name="required-mark">
    <span class="req" aria-hidden="true">*</span>
  </xsl:template>

  <!-- The hidden CSRF field of every state-changing form. -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
  </xsl:template>

  <!-- A message's text with each "(/path)" of a hall page (lower-case
       letters, digits, / _ only) shown as a link in words,
       "(前往办理)", instead of the bare path; any other text as it is. -->
  <xsl:template name="linked-text">
    <xsl:param name="t"/>
    <xsl:variable name="rest" select="substring-after($t, '(/')"/>
    <xsl:variable name="path" select="substring-before($rest, ')')"/>
    <xsl:choose>
      <xsl:when test="$path != '' and translate($path, 'abcdefghijklmnopqrstuvwxyz0123456789/_', '') = ''">
        <xsl:value-of select="substring-before($t, '(/')"/>
        <xsl:text>(</xsl:text><a href="/{$path}" class="msg-link">前往办理</a><xsl:text>)</xsl:text>
        <xsl:call-template name="linked-text"><xsl:with-param name="t" select="substring-after($rest, ')')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The messages of /page/errors for field $name, in red, beside the
       field.  Nothing when the field has no error. -->
  <xsl:template name="field-errors">
    <xsl:param name="name"/>
    <xsl:for-each select="/page/errors/error[@field = $name and $name != '']">
      <span class="field-error" role="alert"><xsl:call-template name="linked-text"><xsl:with-param name="t" select="."/></xsl:call-template></span>
    </xsl:for-each>
  </xsl:template>

  <!-- True ('1') when field $name has an error; used for aria-invalid
       and the red border. -->
  <xsl:template name="has-error">
    <xsl:param name="name"/>
    <xsl:if test="$name != '' and /page/errors/error[@field = $name]">1</xsl:if>
  </xsl:template>

  <!-- The <option>s of an <options> node.  An option's value is its
       @value, else its text.  $current is selected; when $current is not
       empty and not among the options it is kept as a first option, so a
       value on file is never lost silently.  $blank, when not empty, is
       the label of a first empty option (e.g. 请选择). -->
  <xsl:template name="select-options">
    <xsl:param name="options"/>
    <xsl:param name="current" select="''"/>
    <xsl:param name="blank" select="''"/>
    <xsl:if test="$blank != ''">
      <option value="">
        <xsl:if test="$current = ''"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:value-of select="$blank"/>
      </option>
    </xsl:if>
    <xsl:if test="$current != '' and not($options/option[(@value and @value = $current) or (not(@value) and . = $current)])">
      <option value="{$current}" selected="selected"><xsl:value-of select="$current"/></option>
    </xsl:if>
    <xsl:for-each select="$options/option">
      <xsl:variable name="v">
        <xsl:choose>
          <xsl:when test="@value"><xsl:value-of select="@value"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <option value="{$v}">
        <xsl:if test="$v = $current"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:value-of select="."/>
      </option>
    </xsl:for-each>
  </xsl:template>

  <!-- A link to a local path, or the label as plain grey text when $href
       is empty or not a local path (defence against javascript: and
       protocol-relative URLs in data). -->
  <xsl:template name="link">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="class" select="''"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, '/') and not(starts-with($href, '//')) and not(starts-with($href, '/\'))">
        <a href="{$href}">
          <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
          <xsl:value-of select="$label"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="disabled {$class}"><xsl:value-of select="$label"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One labelled text input as two table cells: <th> with the label
       (and the red * when $required) and <td> with the input and its
       errors.  $value is the current value. -->
  <xsl:template name="input-cells">
    <xsl:param name="label"/>
    <xsl:param name="name"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="maxlength" select="''"/>
    <xsl:param name="colspan" select="''"/>
    <xsl:param name="autocomplete" select="''"/>
    <xsl:variable name="err">
      <xsl:call-template name="has-error"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </xsl:variable>
    <th>
      <label for="f-{$name}">
        <xsl:if test="$required"><xsl:call-template name="required-mark"/></xsl:if>
        <xsl:value-of select="$label"/>
      </label>
    </th>
    <td>
      <xsl:if test="$colspan != ''"><xsl:attribute name="colspan"><xsl:value-of select="$colspan"/></xsl:attribute></xsl:if>
      <input type="{$type}" id="f-{$name}" name="{$name}">
        <xsl:if test="$type != 'password'"><xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute></xsl:if>
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$maxlength != ''"><xsl:attribute name="maxlength"><xsl:value-of select="$maxlength"/></xsl:attribute></xsl:if>
        <xsl:if test="$autocomplete != ''"><xsl:attribute name="autocomplete"><xsl:value-of select="$autocomplete"/></xsl:attribute></xsl:if>
        <xsl:if test="$err = '1'">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="class">invalid</xsl:attribute>
        </xsl:if>
      </input>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </td>
  </xsl:template>

  <!-- A labelled <select> as two table cells, like input-cells. -->
  <xsl:template name="select-cells">
    <xsl:param name="label"/>
    <xsl:param name="name"/>
    <xsl:param name="options"/>
    <xsl:param name="current" select="''"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="blank" select="'请选择'"/>
    <xsl:variable name="err">
      <xsl:call-template name="has-error"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </xsl:variable>
    <th>
      <label for="f-{$name}">
        <xsl:if test="$required"><xsl:call-template name="required-mark"/></xsl:if>
        <xsl:value-of select="$label"/>
      </label>
    </th>
    <td>
      <select id="f-{$name}" name="{$name}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$err = '1'">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="class">invalid</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="select-options">
          <xsl:with-param name="options" select="$options"/>
          <xsl:with-param name="current" select="$current"/>
          <xsl:with-param name="blank" select="$blank"/>
        </xsl:call-template>
      </select>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </td>
  </xsl:template>

  <!-- A read-only value as two table cells. -->
  <xsl:template name="show-cells">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="colspan" select="''"/>
    <th><xsl:value-of select="$label"/></th>
    <td class="readonly">
      <xsl:if test="$colspan != ''"><xsl:attribute name="colspan"><xsl:value-of select="$colspan"/></xsl:attribute></xsl:if>
      <xsl:value-of select="$value"/>
    </td>
  </xsl:template>

  <!-- The 「注: 输入项中标有*的为必填项。」 line above forms. -->
  <xsl:template name="required-note">
    <p class="note">注: 输入项中标有<span class="req">*</span>的为必填项。</p>
  </xsl:template>

  <!-- A section header 「▶ title」. -->
  <xsl:template name="section">
    <xsl:param name="title"/>
    <xsl:param name="note" select="''"/>
    <h2 class="section">
      <span class="tri" aria-hidden="true">▶ </span>
      <xsl:value-of select="$title"/>
      <xsl:if test="$note != ''"><span class="section-note"><xsl:value-of select="$note"/></span></xsl:if>
    </h2>
  </xsl:template>

  <!-- The 「暂无记录」 row of an empty table with $cols columns. -->
  <xsl:template name="empty-row">
    <xsl:param name="cols"/>
    <tr class="empty"><td colspan="{$cols}">暂无记录</td></tr>
  </xsl:template>

  <!-- 是/否 from an attribute value '1'. -->
  <xsl:template name="yes-no">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v = '1'">是</xsl:when>
      <xsl:otherwise>否</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The class of a state badge by task state ('|state:class|'...);
       a state not listed is drawn as a draft. -->
  <xsl:variable name="state-classes" select="'|结束:done|进行中:running|退单:cancelled|回退:returned|'"/>

  <!-- A state badge for 未提交 / 进行中 / 结束 / 退单 / 回退: its class
       from $state-classes in one expression (task-rows writes the same
       span inline). -->
  <xsl:template name="state-badge">
    <xsl:param name="state"/>
    <span class="state state-{substring-before(substring-after(concat($state-classes, $state, ':draft|'), concat('|', $state, ':')), '|')}"><xsl:value-of select="$state"/></span>
  </xsl:template>

  <!-- A table of <task> elements ($tasks).  $kind is 'todo' (待办: 业务状态,
       回退标志, 回退原因, 操作 办理) or 'done' (已办: 审批结果, 审批人,
       操作 查看).  Shows 「暂无记录」 when empty.  With $hole true (a
       framed view drawing its frame: layout.xsl) the rows are a
       <hall-hole/>, filled by task-rows. -->
  <xsl:template name="task-table">
    <xsl:param name="tasks"/>
    <xsl:param name="kind" select="'todo'"/>
    <xsl:param name="hole" select="false()"/>
    <table class="grid tasks tasks-{$kind}">
      <thead>
        <tr>
          <th>业务顺序号</th>
          <th>业务名称</th>
          <th>摘要</th>
          <xsl:choose>
            <xsl:when test="$kind = 'done'">
              <th>提交时间</th>
              <th>审批结果</th>
              <th>审批人</th>
              <th>办结时间</th>
            </xsl:when>
            <xsl:otherwise>
              <th>业务状态</th>
              <th>回退标志</th>
              <th>回退原因</th>
              <th>保存时间</th>
              <th>提交时间</th>
            </xsl:otherwise>
          </xsl:choose>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        <xsl:choose>
          <xsl:when test="$hole"><hall-hole/></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="task-rows">
              <xsl:with-param name="tasks" select="$tasks"/>
              <xsl:with-param name="kind" select="$kind"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </tbody>
    </table>
  </xsl:template>

  <!-- The rows of task-table: one per task of $tasks, or 「暂无记录」.
       The lists of the 首页 and the reviewer desk draw dozens of them
       per request, so a row is written with as few instructions as
       possible: the badge's class and 是/否 are expressions, not calls,
       and the link is written here, not by a call of the link template. -->
  <xsl:template name="task-rows">
    <xsl:param name="tasks"/>
    <xsl:param name="kind" select="'todo'"/>
    <xsl:variable name="done" select="$kind = 'done'"/>
    <xsl:variable name="op" select="substring('办理查看', 1 + 2 * number($done), 2)"/>
    <xsl:for-each select="$tasks">
      <tr>
        <xsl:if test="@returned = '1'"><xsl:attribute name="class">returned</xsl:attribute></xsl:if>
        <td class="mono"><xsl:value-of select="@seq"/></td>
        <td>
          <xsl:value-of select="@business-name"/>
          <xsl:if test="@overdue = '1'"><xsl:text> </xsl:text><span class="badge badge-overdue" title="超过规定办理时限">逾期</span></xsl:if>
        </td>
        <td class="summary"><xsl:value-of select="@summary"/></td>
        <xsl:choose>
          <xsl:when test="$done">
            <td class="time"><xsl:value-of select="@submitted"/></td>
            <td><span class="state state-{substring-before(substring-after(concat($state-classes, @state, ':draft|'), concat('|', @state, ':')), '|')}"><xsl:value-of select="@state"/></span></td>
            <td><xsl:value-of select="@decided-by"/></td>
            <td class="time"><xsl:value-of select="@decided"/></td>
          </xsl:when>
          <xsl:otherwise>
            <td><span class="state state-{substring-before(substring-after(concat($state-classes, @state, ':draft|'), concat('|', @state, ':')), '|')}"><xsl:value-of select="@state"/></span></td>
            <xsl:choose>
              <xsl:when test="@returned = '1'"><td class="flag-yes">是</td></xsl:when>
              <xsl:otherwise><td>否</td></xsl:otherwise>
            </xsl:choose>
            <td class="reason"><xsl:value-of select="@reason"/></td>
            <td class="time"><xsl:value-of select="@created"/></td>
            <td class="time"><xsl:value-of select="@submitted"/></td>
          </xsl:otherwise>
        </xsl:choose>
        <td class="ops">
          <xsl:choose>
            <!-- the registry's path; checked as the link template does
                 (no javascript:, no //host), without its call -->
            <xsl:when test="starts-with(@path, '/') and not(contains('/\', substring(@path, 2, 1)))">
              <a href="{@path}?id={@id}" class="op"><xsl:value-of select="$op"/></a>
            </xsl:when>
            <xsl:otherwise><span class="disabled op"><xsl:value-of select="$op"/></span></xsl:otherwise>
          </xsl:choose>
        </td>
      </tr>
    </xsl:for-each>
    <xsl:if test="not($tasks)">
      <!-- 8 columns for done, 9 for todo; a number, not a result
           tree fragment, is cheaper to pass. -->
      <xsl:call-template name="empty-row">
        <xsl:with-param name="cols" select="9 - number($done)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The history of a task: a table of <event at action actor from to
       reason> elements ($events), 「暂无记录」 when empty. -->
  <xsl:template name="events-table">
    <xsl:param name="events"/>
    <table class="grid events">
      <thead>
        <tr><th>时间</th><th>操作</th><th>操作人</th><th>原状态</th><th>新状态</th><th>原因</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$events">
          <tr>
            <td class="time"><xsl:value-of select="@at"/></td>
            <td><xsl:call-template name="action-name"><xsl:with-param name="action" select="@action"/></xsl:call-template></td>
            <td><xsl:value-of select="@actor"/></td>
            <td><xsl:value-of select="@from"/></td>
            <td><xsl:value-of select="@to"/></td>
            <td class="reason"><xsl:value-of select="@reason"/></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($events)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- A task event's action (workflow.c) in the words of the 网厅; an
       action not named here shows as it is. -->
  <xsl:template name="action-name">
    <xsl:param name="action"/>
    <xsl:choose>
      <xsl:when test="$action = 'task.create'">保存</xsl:when>
      <xsl:when test="$action = 'task.submit'">提交审批</xsl:when>
      <xsl:when test="$action = 'task.approve'">审核通过</xsl:when>
      <xsl:when test="$action = 'task.reject'">回退</xsl:when>
      <xsl:when test="$action = 'task.cancel'">退单</xsl:when>
      <xsl:when test="$action = 'task.partial'">部分回退</xsl:when>
      <xsl:otherwise><xsl:value-of select="$action"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A file size in bytes as B / KB / MB. -->
  <xsl:template name="file-size">
    <xsl:param name="bytes"/>
    <xsl:choose>
      <xsl:when test="string(number($bytes)) = 'NaN'"><xsl:value-of select="$bytes"/></xsl:when>
      <xsl:when test="$bytes &gt;= 1048576"><xsl:value-of select="format-number($bytes div 1048576, '0.0')"/> MB</xsl:when>
      <xsl:when test="$bytes &gt;= 1024"><xsl:value-of select="format-number($bytes div 1024, '0.0')"/> KB</xsl:when>
      <xsl:otherwise><xsl:value-of select="$bytes"/> B</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The persons a reviewer's partial decision sent back to this task
       (page_row_returns: /page/returns), each with the 回退原因, for the
       task page of any business; nothing when there are none. -->
  <xsl:template name="row-returns">
    <xsl:if test="/page/returns/return">
      <xsl:call-template name="section"><xsl:with-param name="title">部分回退的人员</xsl:with-param></xsl:call-template>
      <p class="hint">
        <xsl:text>以下人员由业务顺序号 </xsl:text><xsl:value-of select="/page/returns/@from-seq"/>
        <xsl:text> 部分回退,请按各人的回退原因修改后重新提交;其余人员已审核通过。</xsl:text>
      </p>
      <table class="grid returns">
        <thead><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>回退原因</th></tr></thead>
        <tbody>
          <xsl:for-each select="/page/returns/return">
            <tr>
              <td class="num"><xsl:value-of select="@row"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td class="mono"><xsl:value-of select="@idno"/></td>
              <td class="reason"><xsl:value-of select="@reason"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- Page links of a long list (lib/pager.c: <pager total= page=
       pages= size= base=>): 共 N 人(or $unit), 第 P/K 页, 首页 上一页
       下一页 末页.  $base-url is a local path ending in ? or &, to which
       each link appends $name=N ($name: page unless a page holds
       several lists, e.g. done_page).  Nothing but the count when it all fits
       on one page.  Call it as
         <xsl:call-template name="pager">
           <xsl:with-param name="total" select="pager/@total"/>
           <xsl:with-param name="page" select="pager/@page"/>
           <xsl:with-param name="size" select="pager/@size"/>
           <xsl:with-param name="base-url" select="pager/@base"/>
         </xsl:call-template> -->
  <xsl:template name="pager">
    <xsl:param name="total" select="0"/>
    <xsl:param name="page" select="1"/>
    <xsl:param name="size" select="50"/>
    <xsl:param name="base-url"/>
    <xsl:param name="unit" select="'人'"/>
    <xsl:param name="name" select="'page'"/>
    <nav class="pager" aria-label="分页">
      <xsl:text>共 </xsl:text><span class="pager-total"><xsl:value-of select="$total"/></span><xsl:text> </xsl:text><xsl:value-of select="$unit"/>
      <xsl:if test="number($total) &gt; number($size) and number($size) &gt; 0">
        <xsl:variable name="pages" select="ceiling($total div $size)"/>
        <xsl:variable name="safe" select="starts-with($base-url, '/') and not(starts-with($base-url, '//')) and not(starts-with($base-url, '/\'))"/>
        <xsl:text>,第 </xsl:text><xsl:value-of select="$page"/><xsl:text>/</xsl:text><xsl:value-of select="$pages"/><xsl:text> 页</xsl:text>
        <xsl:if test="$safe and $page &gt; 1">
          <xsl:text> </xsl:text><a class="op" href="{$base-url}{$name}=1">首页</a>
          <xsl:text> </xsl:text><a class="op" href="{$base-url}{$name}={$page - 1}" rel="prev">上一页</a>
        </xsl:if>
        <xsl:if test="$safe and $page &lt; $pages">
          <xsl:text> </xsl:text><a class="op" href="{$base-url}{$name}={$page + 1}" rel="next">下一页</a>
          <xsl:text> </xsl:text><a class="op" href="{$base-url}{$name}={$pages}">末页</a>
        </xsl:if>
      </xsl:if>
    </nav>
  </xsl:template>

</xsl:stylesheet>
