<?xml version="1.0" encoding="UTF-8"?>
<!--
  yuyue.xsl: 办事预约 [003 FAQ 四].  Views: list (the unit's bookings,
  each with 改约 and 取消 while it may change, and its submitted tasks
  that need the counter with a 预约 link), book (a task's working days
  and slots with their free places: each free slot is a form posting
  to /yuyue/book, or /yuyue/move when the task has a booking), desk
  (the reviewer's list of a day, each row linking to the task on the
  reviewer desk).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- A booking's state as a badge. -->
  <xsl:template name="yuyue-state">
    <xsl:param name="state"/>
    <xsl:variable name="cls">
      <xsl:choose>
        <xsl:when test="$state = '有效'">running</xsl:when>
        <xsl:otherwise>cancelled</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="state state-{$cls}"><xsl:value-of select="$state"/></span>
  </xsl:template>

  <!-- The rules of the office, from <yuyue>. -->
  <xsl:template name="yuyue-rules">
    <xsl:variable name="y" select="/page/yuyue"/>
    <p class="note">
      <xsl:text>普通单位提交审批的业务须携带材料到辖区社保经办机构审核。预约后按预约时间前往,可减少排队等候。可预约自次日起 </xsl:text>
      <xsl:value-of select="$y/@days-ahead"/>
      <xsl:text> 个工作日(法定节假日、周末除外),每个时段 </xsl:text>
      <xsl:value-of select="$y/@per-slot"/>
      <xsl:text> 个名额;改约或取消须至迟于预约日前 </xsl:text>
      <xsl:value-of select="$y/@change-until-days"/>
      <xsl:text> 天办理。</xsl:text>
    </p>
  </xsl:template>

  <!-- The unit's bookings and the tasks that need the counter. -->
  <xsl:template match="page[@view = 'list']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">办事预约</xsl:with-param></xsl:call-template>
    <xsl:choose>
      <xsl:when test="yuyue/@vip = '1'">
        <p class="note">VIP单位的业务由系统自动审核,无需到经办机构办理,不需要预约。</p>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="yuyue-rules"/></xsl:otherwise>
    </xsl:choose>

    <xsl:if test="tasks">
      <xsl:call-template name="section"><xsl:with-param name="title">需到经办机构办理的业务</xsl:with-param></xsl:call-template>
      <table class="grid tasks yuyue-tasks">
        <thead>
          <tr><th>业务顺序号</th><th>业务名称</th><th>摘要</th><th>提交时间</th><th>预约</th><th>操作</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="tasks/task">
            <tr>
              <td class="mono">
                <xsl:call-template name="link">
                  <xsl:with-param name="href" select="concat(@path, '?id=', @id)"/>
                  <xsl:with-param name="label" select="@seq"/>
                </xsl:call-template>
              </td>
              <td><xsl:value-of select="@business-name"/></td>
              <td class="summary"><xsl:value-of select="@summary"/></td>
              <td class="time"><xsl:value-of select="@submitted"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="@booking">
                    <xsl:value-of select="concat(@booking-day, ' ', @booking-slot)"/>
                  </xsl:when>
                  <xsl:otherwise>未预约</xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="ops">
                <a class="op" href="/yuyue/book?task={@id}">
                  <xsl:choose>
                    <xsl:when test="@booking">查看/改约</xsl:when>
                    <xsl:otherwise>预约</xsl:otherwise>
                  </xsl:choose>
                </a>
              </td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(tasks/task)">
            <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
          </xsl:if>
        </tbody>
      </table>
      <xsl:call-template name="pager">
        <xsl:with-param name="total" select="tasks/@total"/>
        <xsl:with-param name="page" select="tasks/@page"/>
        <xsl:with-param name="size" select="tasks/@per-page"/>
        <xsl:with-param name="base-url" select="concat('/yuyue?page=', appointments/pager/@page, '&amp;')"/>
        <xsl:with-param name="name" select="'tpage'"/>
        <xsl:with-param name="unit" select="'件'"/>
      </xsl:call-template>
    </xsl:if>

    <xsl:call-template name="section"><xsl:with-param name="title">我的预约</xsl:with-param></xsl:call-template>
    <table class="grid appointments">
      <thead>
        <tr><th>预约日期</th><th>时段</th><th>业务</th><th>状态</th><th>预约时间</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="appointments/appointment">
          <tr>
            <td class="time">
              <xsl:value-of select="concat(@day, ' ', @weekday)"/>
              <xsl:if test="@moved-from != ''">
                <span class="hint"><xsl:value-of select="concat('(由 ', @moved-from, ' 改约)')"/></span>
              </xsl:if>
            </td>
            <td><xsl:value-of select="@slot"/></td>
            <td>
              <xsl:value-of select="concat(@business-name, ' ', @seq)"/>
              <xsl:if test="@task-state != '进行中'">
                <span class="hint"><xsl:value-of select="concat('(业务', @task-state, ')')"/></span>
              </xsl:if>
            </td>
            <td><xsl:call-template name="yuyue-state"><xsl:with-param name="state" select="@state"/></xsl:call-template></td>
            <td class="time"><xsl:value-of select="@created"/></td>
            <td class="ops">
              <xsl:if test="@changeable = '1'">
                <a class="op" href="/yuyue/book?task={@task}">改约</a>
                <xsl:text> </xsl:text>
                <form method="post" action="/yuyue/cancel" class="inline"
                      data-confirm="确定取消该预约吗?取消后该时段的名额让给其他单位,业务本身不受影响。">
                  <xsl:call-template name="csrf"/>
                  <input type="hidden" name="id" value="{@id}"/>
                  <button type="submit" class="btn">取消预约</button>
                </form>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(appointments/appointment)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:for-each select="appointments/pager">
      <xsl:call-template name="pager">
        <xsl:with-param name="total" select="@total"/>
        <xsl:with-param name="page" select="@page"/>
        <xsl:with-param name="size" select="@size"/>
        <xsl:with-param name="base-url" select="concat(@base, 'tpage=', /page/tasks/@page, '&amp;')"/>
        <xsl:with-param name="unit" select="'条'"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- One slot of the booking grid: its free places and, when free
       and the booking may be made or moved, the button posting it. -->
  <xsl:template match="slot" mode="book">
    <xsl:param name="day"/>
    <xsl:variable name="b" select="/page/booking"/>
    <td>
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@mine = '1'">slot slot-mine</xsl:when>
          <xsl:when test="@free = '0'">slot slot-full</xsl:when>
          <xsl:otherwise>slot</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="@mine = '1'">已预约</xsl:when>
        <xsl:when test="@free = '0'">已满</xsl:when>
        <xsl:when test="$b and $b/@changeable != '1'">
          <xsl:value-of select="concat('余 ', @free)"/>
        </xsl:when>
        <xsl:otherwise>
          <form method="post" class="inline">
            <xsl:attribute name="action">
              <xsl:choose>
                <xsl:when test="$b">/yuyue/move</xsl:when>
                <xsl:otherwise>/yuyue/book</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:call-template name="csrf"/>
            <xsl:choose>
              <xsl:when test="$b"><input type="hidden" name="id" value="{$b/@id}"/></xsl:when>
              <xsl:otherwise>
                <input type="hidden" name="task" value="{/page/task/@id}"/>
                <input type="hidden" name="token" value="{/page/form/@token}"/>
              </xsl:otherwise>
            </xsl:choose>
            <input type="hidden" name="day" value="{$day}"/>
            <input type="hidden" name="slot" value="{@name}"/>
            <button type="submit" class="btn" title="{$day} {@name}">
              <xsl:choose>
                <xsl:when test="$b">改到此时段</xsl:when>
                <xsl:otherwise>预约</xsl:otherwise>
              </xsl:choose>
              <xsl:value-of select="concat('(余 ', @free, ')')"/>
            </button>
          </form>
        </xsl:otherwise>
      </xsl:choose>
    </td>
  </xsl:template>

  <!-- A task's booking: its current one with 取消, and the grid of the
       working days offered. -->
  <xsl:template match="page[@view = 'book']" mode="content">
    <xsl:variable name="t" select="task"/>
    <xsl:variable name="b" select="booking"/>
    <xsl:call-template name="section"><xsl:with-param name="title">办事预约</xsl:with-param></xsl:call-template>
    <xsl:call-template name="yuyue-rules"/>
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
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">提交时间</xsl:with-param>
          <xsl:with-param name="value" select="$t/@submitted"/>
        </xsl:call-template>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">当前预约</xsl:with-param>
          <xsl:with-param name="value">
            <xsl:choose>
              <xsl:when test="$b"><xsl:value-of select="concat($b/@day, ' ', $b/@weekday, ' ', $b/@slot)"/></xsl:when>
              <xsl:otherwise>未预约</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </tr>
    </table>
    <xsl:call-template name="field-errors"><xsl:with-param name="name">day</xsl:with-param></xsl:call-template>
    <xsl:call-template name="field-errors"><xsl:with-param name="name">slot</xsl:with-param></xsl:call-template>
    <xsl:if test="$b">
      <div class="task-actions">
        <xsl:choose>
          <xsl:when test="$b/@changeable = '1'">
            <form method="post" action="/yuyue/cancel" class="inline"
                  data-confirm="确定取消该预约吗?取消后该时段的名额让给其他单位,业务本身不受影响。">
              <xsl:call-template name="csrf"/>
              <input type="hidden" name="id" value="{$b/@id}"/>
              <button type="submit" class="btn btn-danger">取消预约</button>
            </form>
            <span class="hint">如需改约,请在下表中选择新的时段。</span>
          </xsl:when>
          <xsl:otherwise>
            <p class="msg msg-warn">已过改约、取消期限,请按预约时间前往;如不能前往,请联系经办机构。</p>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:if>
    <xsl:call-template name="section"><xsl:with-param name="title">可预约时段</xsl:with-param></xsl:call-template>
    <table class="grid yuyue-days">
      <thead>
        <tr>
          <th>日期</th>
          <xsl:for-each select="days/day[1]/slot"><th><xsl:value-of select="@name"/></th></xsl:for-each>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="days/day">
          <tr>
            <th class="time"><xsl:value-of select="concat(@date, ' ', @weekday)"/></th>
            <xsl:apply-templates select="slot" mode="book">
              <xsl:with-param name="day" select="@date"/>
            </xsl:apply-templates>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(days/day)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">2</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <p class="actions"><a class="btn" href="/yuyue">返回办事预约</a></p>
  </xsl:template>

  <!-- The reviewer's list of a day. -->
  <xsl:template match="page[@view = 'desk']" mode="content">
    <xsl:variable name="d" select="desk"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title" select="concat('当日预约 ', $d/@day, ' ', $d/@weekday)"/>
    </xsl:call-template>
    <form method="get" action="/yuyue/desk" class="form filter">
      <label for="f-day">日期</label>
      <input type="date" id="f-day" name="day" value="{$d/@day}"/>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">day</xsl:with-param></xsl:call-template>
      <button type="submit" class="btn btn-primary">查看</button>
      <xsl:text> </xsl:text>
      <a class="op" href="/yuyue/desk?day={$d/@prev}">上一工作日</a>
      <xsl:text> </xsl:text>
      <a class="op" href="/yuyue/desk?day={$d/@today}">今天</a>
      <xsl:text> </xsl:text>
      <a class="op" href="/yuyue/desk?day={$d/@next}">下一工作日</a>
    </form>
    <xsl:if test="$d/@workday = '0'">
      <p class="note">该日不是工作日。</p>
    </xsl:if>
    <xsl:if test="appointments">
      <table class="grid appointments desk">
        <thead>
          <tr><th>时段</th><th>单位</th><th>业务</th><th>业务状态</th><th>预约时间</th><th>操作</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="appointments/appointment">
            <tr>
              <td><xsl:value-of select="@slot"/></td>
              <td><xsl:value-of select="@unit-name"/></td>
              <td><xsl:value-of select="concat(@business-name, ' ', @seq)"/></td>
              <td><xsl:call-template name="state-badge"><xsl:with-param name="state" select="@task-state"/></xsl:call-template></td>
              <td class="time">
                <xsl:value-of select="@created"/>
                <xsl:if test="@moved-from != ''">
                  <span class="hint"><xsl:value-of select="concat('(由 ', @moved-from, ' 改约)')"/></span>
                </xsl:if>
              </td>
              <td class="ops"><a class="op" href="/review/task?id={@task}">审核</a></td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(appointments/appointment)">
            <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
          </xsl:if>
        </tbody>
      </table>
      <xsl:for-each select="appointments/pager">
        <xsl:call-template name="pager">
          <xsl:with-param name="total" select="@total"/>
          <xsl:with-param name="page" select="@page"/>
          <xsl:with-param name="size" select="@size"/>
          <xsl:with-param name="base-url" select="@base"/>
          <xsl:with-param name="unit" select="'条'"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
    <p class="actions"><a class="btn" href="/review">返回待审核业务</a></p>
  </xsl:template>

</xsl:stylesheet>
